import type { Millis } from '../../core/index.js';
import type { GresRequest } from './types.js';

/**
 * Parsers of the format's scalar notations. Each returns the normalized value, or a string that
 * says what was expected (the caller puts it at the field's path).
 */
export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly expected: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const bad = <T>(expected: string): Parsed<T> => ({ ok: false, expected });

/** Seconds (fractions allowed) to integer ms, rounding to the nearest ms. */
export const secondsToMs = (s: number): Millis => Math.round(s * 1000);
export const msToSeconds = (ms: Millis): number => ms / 1000;

/** True when `x` has at most three decimals (a whole number of thousandths). */
export function wholeThousandths(x: number): boolean {
  return Math.abs(x * 1000 - Math.round(x * 1000)) < 1e-6;
}

/** CPUs per node, fractions to the thousandth, as milli-CPUs. */
export function parseCpu(value: unknown): Parsed<number> {
  const expected = 'CPUs as a number > 0 with at most 3 decimals';
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || !wholeThousandths(value)) return bad(expected);
  return ok(Math.round(value * 1000));
}

const MEMORY = /^(\d+(?:\.\d+)?)\s*([KMGT]?)(?:i?B)?$/i;
const UNIT_TO_MIB: Readonly<Record<string, number>> = { K: 1 / 1024, M: 1, G: 1024, T: 1024 * 1024, '': 1 };

/**
 * Memory per node: a number of MiB, or a size string with a binary unit (`512M`, `16G`, `16GiB`,
 * `1T`; no unit means MiB, as CraneSched's `--mem` defaults to MB). Rounded up to a whole MiB.
 */
export function parseMemory(value: unknown): Parsed<number> {
  const expected = 'MiB as a number > 0, or a size like "16G" or "512M"';
  let mib: number;
  if (typeof value === 'number') {
    mib = value;
  } else if (typeof value === 'string') {
    const m = MEMORY.exec(value.trim());
    if (m === null) return bad(expected);
    mib = Number(m[1]) * UNIT_TO_MIB[m[2]!.toUpperCase()]!;
  } else {
    return bad(expected);
  }
  if (!Number.isFinite(mib) || mib <= 0) return bad(expected);
  return ok(Math.ceil(mib - 1e-9));
}

const NAME = /^[A-Za-z][A-Za-z0-9_.-]*$/;

/** `name:count` or `name:type:count` (`gpu:1`, `gpu:a100:2`), count a positive integer. */
export function parseGres(value: unknown): Parsed<GresRequest> {
  const expected = 'a GRES like "gpu:1" or "gpu:a100:2"';
  if (typeof value !== 'string') return bad(expected);
  const parts = value.split(':');
  if (parts.length < 2 || parts.length > 3) return bad(expected);
  const name = parts[0]!;
  const countText = parts[parts.length - 1]!;
  const type = parts.length === 3 ? parts[1]! : undefined;
  if (!NAME.test(name) || (type !== undefined && !NAME.test(type)) || !/^[1-9]\d*$/.test(countText)) return bad(expected);
  const count = Number(countText);
  return ok(type === undefined ? { name, count } : { name, type, count });
}

export function formatGres(g: GresRequest): string {
  return g.type === undefined ? `${g.name}:${g.count}` : `${g.name}:${g.type}:${g.count}`;
}

/** Total order on GRES entries: by name, then untyped before typed, then type. */
export function compareGres(a: GresRequest, b: GresRequest): number {
  if (a.name !== b.name) return a.name < b.name ? -1 : 1;
  const ta = a.type ?? '';
  const tb = b.type ?? '';
  return ta === tb ? 0 : ta < tb ? -1 : 1;
}

const CLOCK = /^(?:(\d+)-)?(\d+):([0-5]\d):([0-5]\d)$/;

/**
 * A time limit: seconds > 0 (fractions allowed), or CraneSched's `[D-]HH:MM:SS` text.
 */
export function parseTimeLimit(value: unknown): Parsed<Millis> {
  const expected = 'seconds > 0 or "[D-]HH:MM:SS"';
  if (typeof value === 'number') {
    return Number.isFinite(value) && value > 0 ? ok(secondsToMs(value)) : bad(expected);
  }
  if (typeof value !== 'string') return bad(expected);
  const m = CLOCK.exec(value);
  if (m === null) return bad(expected);
  const seconds = Number(m[1] ?? '0') * 86_400 + Number(m[2]) * 3600 + Number(m[3]) * 60 + Number(m[4]);
  return seconds > 0 ? ok(seconds * 1000) : bad(expected);
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

export const isIpv4 = (s: string): boolean => IPV4.test(s);
