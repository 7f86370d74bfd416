/**
 * The one source of domain time. Services read `ctx.clock.now()`; nothing else calls `new Date()`
 * for business time, so tests and the demo can move time (invitations expire, bills close).
 */
export interface Clock {
  now(): Date;
}

/** Wall-clock time shifted by an adjustable offset; the server and the demo use it. */
export class ShiftableClock implements Clock {
  private offsetMs = 0;

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  /** Moves domain time forward (or back, with a negative value) by `ms` milliseconds. */
  advance(ms: number): void {
    this.offsetMs += ms;
  }
}

/** A clock that stands still until told to move; tests use it so that time never flows by itself. */
export class ManualClock implements Clock {
  private current: Date;

  constructor(start: Date | string = '2026-01-15T02:00:00Z') {
    this.current = new Date(start);
  }

  now(): Date {
    return new Date(this.current);
  }

  set(at: Date | string): void {
    this.current = new Date(at);
  }

  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;
