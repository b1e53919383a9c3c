import type { Millis } from '../model/time.js';
import { describeValue, failed, parsed, type Parsed } from './issues.js';

/**
 * Scalar units of the configuration files: memory in MiB, CPUs in milli-CPUs, durations in ms.
 * Each parser follows the CraneSched function named in its comment; where CraneLab is stricter
 * the comment says so.
 */

const BYTES_PER_MIB = 1024 ** 2;
const UNIT_BYTES: Readonly<Record<string, number>> = { B: 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3 };

/**
 * A node's `memory` (CraneSched `util::ParseMemory`): a whole number with a unit K, M, G or B,
 * nothing else: `256G`, `512M`. CraneSched's docs also mention `T`, which its parser does not
 * accept; neither does CraneLab. The result must be a whole number of MiB.
 */
export function parseNodeMemory(v: unknown): Parsed<number> {
  const m = typeof v === 'string' ? /^(\d+)([KMGB])$/.exec(v.trim()) : null;
  if (m === null) return failed(`expected a memory size: a whole number with a unit K, M, G or B (e.g. 256G), got ${describeValue(v)}`);
  return toMiB(Number(m[1]) * UNIT_BYTES[m[2]!]!, v);
}

/**
 * A memory amount in requests and limits (CraneSched `util::ParseMemStringAsByte`, used by `--mem`,
 * `--mem-per-cpu` and TRES `mem:`): a number, possibly fractional, with an optional unit K, M, G
 * or B in either case; no unit means MiB. A YAML number is MiB too. The result must be whole MiB.
 */
export function parseMemoryAmount(v: unknown): Parsed<number> {
  if (typeof v === 'number') {
    if (!Number.isInteger(v) || v < 0) return failed(`expected a whole number of MiB or a size like 512M or 4G, got ${describeValue(v)}`);
    return parsed(v);
  }
  const m = typeof v === 'string' ? /^(\d+(?:\.\d*)?)([KMGBkmgb]?)$/.exec(v.trim()) : null;
  if (m === null) return failed(`expected a memory size like 512M or 4G (no unit: MiB), got ${describeValue(v)}`);
  const unit = m[2] === '' ? 'M' : m[2]!.toUpperCase();
  return toMiB(Number(m[1]) * UNIT_BYTES[unit]!, v);
}

function toMiB(bytes: number, original: unknown): Parsed<number> {
  const mib = bytes / BYTES_PER_MIB;
  if (!Number.isSafeInteger(Math.round(mib)) || Math.abs(mib - Math.round(mib)) > 1e-9) {
    return failed(`memory is kept in whole MiB; ${describeValue(original)} is ${mib.toFixed(4)} MiB`);
  }
  return parsed(Math.round(mib));
}

/**
 * A CPU count, possibly fractional (CraneSched `cpu_t`), as integer milli-CPUs: `2.5` is 2500.
 * More than three decimals cannot be kept exactly and is an error.
 */
export function parseCpuMilli(v: unknown, options: { readonly allowZero?: boolean } = {}): Parsed<number> {
  const n = typeof v === 'string' && /^\d+(\.\d+)?$/.test(v.trim()) ? Number(v.trim()) : v;
  const min = options.allowZero === true ? 0 : Number.MIN_VALUE;
  if (typeof n !== 'number' || !Number.isFinite(n) || n < min) {
    return failed(`expected a ${options.allowZero === true ? 'non-negative' : 'positive'} CPU count (fractions allowed, e.g. 0.5), got ${describeValue(v)}`);
  }
  const milli = Math.round(n * 1000);
  if (Math.abs(milli - n * 1000) > 1e-6) return failed(`CPU counts are kept in thousandths of a CPU; ${describeValue(v)} has more decimals`);
  return parsed(milli);
}

const UNIT_SECONDS: Readonly<Record<string, number>> = { s: 1, m: 60, h: 3600, d: 86_400, w: 604_800 };

/**
 * A duration in ms. Accepted forms (numbers are seconds, as in `cacctmgr ... MaxWall=<seconds>`):
 * - a number of seconds: `3600`, `"3600"`;
 * - `[D-]HH:MM:SS` as in `cbatch -t`: `2:00:00`, `1-12:00:00`; also `MM:SS` and `D-HH`;
 * - units (the form of CraneSched's dependency delays): `90m`, `1h30m`, `2d`, `1w`.
 */
export function parseDuration(v: unknown): Parsed<Millis> {
  const bad = (): Parsed<never> =>
    failed(`expected a duration: seconds (3600), [D-]HH:MM:SS (1-02:00:00) or units (1h30m), got ${describeValue(v)}`);
  if (typeof v === 'number') return Number.isFinite(v) && v >= 0 ? parsed(Math.round(v * 1000)) : bad();
  if (typeof v !== 'string') return bad();
  const s = v.trim();
  if (/^\d+(\.\d+)?$/.test(s)) return parsed(Math.round(Number(s) * 1000));
  let m = /^(?:(\d+)-)?(\d+):(\d{1,2}):(\d{1,2})$/.exec(s);
  if (m !== null) return clock(Number(m[1] ?? 0), Number(m[2]), Number(m[3]), Number(m[4]), bad);
  m = /^(\d+):(\d{1,2})$/.exec(s);
  if (m !== null) return clock(0, 0, Number(m[1]), Number(m[2]), bad);
  m = /^(\d+)-(\d+)$/.exec(s);
  if (m !== null) return clock(Number(m[1]), Number(m[2]), 0, 0, bad);
  if (/^(\d+[smhdw])+$/.test(s)) {
    let seconds = 0;
    for (const part of s.matchAll(/(\d+)([smhdw])/g)) seconds += Number(part[1]) * UNIT_SECONDS[part[2]!]!;
    return parsed(seconds * 1000);
  }
  return bad();
}

function clock(d: number, h: number, m: number, s: number, bad: () => Parsed<never>): Parsed<Millis> {
  if (m >= 60 || s >= 60) return bad();
  return parsed((((d * 24 + h) * 60 + m) * 60 + s) * 1000);
}

/** CraneSched's cap on `PriorityMaxAge` (`kPriorityDefaultMaxAge`), and its default: 7 days. */
export const PRIORITY_MAX_AGE_CAP: Millis = 7 * 86_400_000;

/**
 * `PriorityMaxAge` exactly as CraneSched reads it (CraneCtld.cpp): `H:M:S`, `D-H`, `M` (a plain
 * number is minutes, unlike other durations here) or `D-H:M:S`. CraneSched silently keeps the
 * default for anything else; CraneLab reports an error. The cap is applied by the caller.
 */
export function parsePriorityMaxAge(v: unknown): Parsed<Millis> {
  const s = typeof v === 'number' && Number.isInteger(v) && v >= 0 ? String(v) : typeof v === 'string' ? v.trim() : undefined;
  const bad = failed(`expected H:M:S, D-H, M (minutes) or D-H:M:S, got ${describeValue(v)}`);
  if (s === undefined) return bad;
  let m = /^(\d+):(\d+):(\d+)$/.exec(s);
  if (m !== null) return parsed((Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3])) * 1000);
  m = /^(\d+)-(\d+)$/.exec(s);
  if (m !== null) return parsed((Number(m[1]) * 86_400 + Number(m[2]) * 3600) * 1000);
  m = /^(\d+)$/.exec(s);
  if (m !== null) return parsed(Number(m[1]) * 60_000);
  m = /^(\d+)-(\d+):(\d+):(\d+)$/.exec(s);
  if (m !== null) return parsed((Number(m[1]) * 86_400 + Number(m[2]) * 3600 + Number(m[3]) * 60 + Number(m[4])) * 1000);
  return bad;
}
