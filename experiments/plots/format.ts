/** Short tick labels for durations in seconds: 1s, 10s, 1min, 10min, 1h, 10h, 1d, 10d. */
export function durationTick(seconds: number): string {
  if (seconds < 60) return `${fmt(seconds)}s`;
  if (seconds < 3600) return `${fmt(seconds / 60)}min`;
  if (seconds < 86400) return `${fmt(seconds / 3600)}h`;
  return `${fmt(seconds / 86400)}d`;
}

/** Tick positions for a log axis of durations (seconds) within [lo, hi]. */
export function durationTicks(lo: number, hi: number): number[] {
  const candidates = [1, 10, 60, 600, 3600, 36000, 86400, 864000, 8640000];
  return candidates.filter((t) => t >= lo && t <= hi);
}

/** A number with at most `digits` significant decimals, no trailing zeros. */
export function fmt(x: number, digits = 2): string {
  if (!Number.isFinite(x)) return '';
  const s = x.toFixed(digits);
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}
