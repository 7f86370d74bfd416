/** The Huoban mark: two partners joined by a bridge, drawn as shapes so it needs no font. */
export function Logo({ size = 28 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" role="img" aria-label="Huoban">
      <rect width="32" height="32" rx="7" fill="#c7000b" />
      <rect x="8" y="7" width="4.5" height="18" rx="1.5" fill="#fff" />
      <rect x="19.5" y="7" width="4.5" height="18" rx="1.5" fill="#fff" />
      <rect x="8" y="14" width="16" height="4" rx="1.5" fill="#fff" />
    </svg>
  );
}
