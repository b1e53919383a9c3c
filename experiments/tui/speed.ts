/**
 * Replay speed: simulated milliseconds per wall-clock millisecond. 1 is real time; `Infinity` is as
 * fast as the machine goes (bounded only by the per-slice event budget).
 */
export type Speed = number;

/** The steps `+` and `-` move along, from real time to as fast as possible. */
export const SPEED_LADDER: readonly Speed[] = [
  1, 2, 5, 10, 30, 60, 120, 300, 600, 1800, 3600, 7200, 21600, 43200, 86400, 259200, 604800, Infinity,
];

export const DEFAULT_SPEED: Speed = 3600;

/** The next ladder step above `s` (stays at max). */
export function faster(s: Speed): Speed {
  return SPEED_LADDER.find((x) => x > s) ?? Infinity;
}

/** The next ladder step below `s` (stays at real time). */
export function slower(s: Speed): Speed {
  let below: Speed = 1;
  for (const x of SPEED_LADDER) if (x < s) below = x;
  return below;
}

const UNITS: readonly (readonly [string, number])[] = [
  ['d/s', 86400],
  ['h/s', 3600],
  ['m/s', 60],
];

/** `1x`, `30x`, `1m/s`, `1h/s`, `7d/s`, `max`. */
export function formatSpeed(s: Speed): string {
  if (s === Infinity) return 'max';
  for (const [unit, size] of UNITS) if (s >= size && s % size === 0) return `${s / size}${unit}`;
  return `${Number.isInteger(s) ? s : s.toFixed(2)}x`;
}

export type SpeedParse = { readonly ok: true; readonly value: Speed } | { readonly ok: false; readonly message: string };

/** Reads `--speed`: `max`, a factor (`600`, `600x`), or a rate (`1m/s`, `2h/s`, `1d/s`); at least 1. */
export function parseSpeed(text: string): SpeedParse {
  const t = text.trim().toLowerCase();
  if (t === 'max') return { ok: true, value: Infinity };
  const m = /^(\d+(?:\.\d+)?)(x|m\/s|h\/s|d\/s)?$/.exec(t);
  if (m === null) return { ok: false, message: `--speed must be max, a factor like 600, or a rate like 1h/s; got '${text}'` };
  const unit = m[2] ?? 'x';
  const size = UNITS.find(([u]) => u === unit)?.[1] ?? 1;
  const value = Number(m[1]) * size;
  if (!(value >= 1)) return { ok: false, message: `--speed must be at least 1 (real time); got '${text}'` };
  return { ok: true, value };
}
