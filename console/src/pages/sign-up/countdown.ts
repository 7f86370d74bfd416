import { useEffect, useState } from 'react';

/** The server accepts one code request per e-mail a minute (R-REG, `SIGN_UP_RESEND_INTERVAL_MS`). */
export const RESEND_INTERVAL_SECONDS = 60;

/** Whole seconds left before another code may be requested; 0 once it may. */
export function secondsUntilResend(sentAt: number | null, now: number): number {
  if (sentAt === null) return 0;
  const left = RESEND_INTERVAL_SECONDS * 1000 - (now - sentAt);
  return left <= 0 ? 0 : Math.ceil(left / 1000);
}

/** Ticks once a second while a countdown runs, and stops when it reaches zero. */
export function useResendCountdown(sentAt: number | null): number {
  const [now, setNow] = useState(() => Date.now());
  const left = secondsUntilResend(sentAt, now);
  useEffect(() => {
    if (sentAt === null) return undefined;
    setNow(Date.now());
    const timer = window.setInterval(() => {
      const current = Date.now();
      setNow(current);
      if (secondsUntilResend(sentAt, current) === 0) window.clearInterval(timer);
    }, 1000);
    return () => window.clearInterval(timer);
  }, [sentAt]);
  return left;
}
