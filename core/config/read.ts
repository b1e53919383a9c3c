import { describeValue, suggest, type ConfigPath, type Issues, type Parsed } from './issues.js';

/**
 * Readers for plain values (what a YAML parser returns). Each one records an issue at `path` and
 * returns `undefined` when the value is wrong, so a validator can keep going and report everything.
 * YAML scalars are untyped in CraneSched's parser (yaml-cpp), so numeric and boolean readers also
 * accept the same values written as strings (`"5"`, `"true"`).
 */

export type PlainMap = Readonly<Record<string, unknown>>;

export interface MapKeys {
  /** Keys this validator models. */
  readonly known: readonly string[];
  /** Keys CraneSched knows that CraneLab does not model: accepted and ignored. */
  readonly ignored?: readonly string[];
  /** Wrong names people are known to write (e.g. from the docs), with the right one to suggest. */
  readonly hints?: Readonly<Record<string, string>>;
}

export function isPlainMap(v: unknown): v is PlainMap {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A map with only known (or knowingly ignored) keys; an unknown key is an error with a suggestion. */
export function readMap(issues: Issues, path: ConfigPath, v: unknown, keys: MapKeys): PlainMap | undefined {
  if (!isPlainMap(v)) {
    issues.error(path, `expected a map, got ${describeValue(v)}`);
    return undefined;
  }
  const ignored = keys.ignored ?? [];
  for (const key of Object.keys(v)) {
    if (keys.known.includes(key) || ignored.includes(key)) continue;
    const near = keys.hints?.[key] ?? suggest(key, [...keys.known, ...ignored]);
    const hint = near === undefined ? '' : ` (did you mean '${near}'?)`;
    issues.error([...path, key], `unknown key${hint}; expected one of: ${keys.known.join(', ')}`);
  }
  return v;
}

/** Reports a missing required key at the map's path; returns whether it is present. */
export function requireKey(issues: Issues, path: ConfigPath, map: PlainMap, key: string): boolean {
  if (map[key] === undefined || map[key] === null) {
    issues.error([...path, key], 'missing: this key is required');
    return false;
  }
  return true;
}

export function readList(issues: Issues, path: ConfigPath, v: unknown): readonly unknown[] | undefined {
  if (!Array.isArray(v)) {
    issues.error(path, `expected a list, got ${describeValue(v)}`);
    return undefined;
  }
  return v;
}

export function readString(issues: Issues, path: ConfigPath, v: unknown): string | undefined {
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (typeof v !== 'string') {
    issues.error(path, `expected a string, got ${describeValue(v)}`);
    return undefined;
  }
  return v;
}

/**
 * A name (account, user, partition, QoS, reservation): a non-empty string without whitespace or
 * commas, since CraneSched's command lines and config lists separate names by commas.
 */
export function readName(issues: Issues, path: ConfigPath, v: unknown): string | undefined {
  const s = readString(issues, path, v);
  if (s === undefined) return undefined;
  const problem = nameProblem(s);
  if (problem !== undefined) {
    issues.error(path, problem);
    return undefined;
  }
  return s;
}

export function nameProblem(s: string): string | undefined {
  if (s.length === 0) return 'expected a name, got an empty string';
  if (/[\s,]/.test(s)) return `expected a name without spaces or commas, got ${JSON.stringify(s)}`;
  return undefined;
}

/**
 * A list of names, as CraneSched writes them (`"a, b"`, split on commas and trimmed) or as a YAML
 * list. A name given twice is an error.
 */
export function readNameList(issues: Issues, path: ConfigPath, v: unknown): readonly string[] | undefined {
  let items: readonly unknown[];
  if (typeof v === 'string') items = v.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
  else if (Array.isArray(v)) items = v;
  else {
    issues.error(path, `expected a list of names (a YAML list or a comma-separated string), got ${describeValue(v)}`);
    return undefined;
  }
  const out: string[] = [];
  let ok = true;
  items.forEach((item, i) => {
    const itemPath = Array.isArray(v) ? [...path, i] : path;
    const name = readName(issues, itemPath, item);
    if (name === undefined) ok = false;
    else if (out.includes(name)) {
      issues.error(itemPath, `'${name}' is listed twice`);
      ok = false;
    } else out.push(name);
  });
  return ok ? out : undefined;
}

export interface IntRange {
  readonly min?: number;
  readonly max?: number;
}

/** An integer in `[min, max]` (defaults: 0 and 2^53 - 1), as a number or a decimal string. */
export function readInt(issues: Issues, path: ConfigPath, v: unknown, range: IntRange = {}): number | undefined {
  const r = parseInteger(v, range);
  if (!r.ok) {
    issues.error(path, r.message);
    return undefined;
  }
  return r.value;
}

export function parseInteger(v: unknown, range: IntRange = {}): Parsed<number> {
  const min = range.min ?? 0;
  const max = range.max ?? Number.MAX_SAFE_INTEGER;
  const n = typeof v === 'string' && /^[+-]?\d+$/.test(v.trim()) ? Number(v.trim()) : v;
  const what = max === UINT32_MAX ? `an integer from ${min} to ${max} (uint32)` : max === Number.MAX_SAFE_INTEGER ? (min === 0 ? 'a non-negative integer' : min === 1 ? 'a positive integer' : `an integer >= ${min}`) : `an integer from ${min} to ${max}`;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < min || n > max) return { ok: false, message: `expected ${what}, got ${describeValue(v)}` };
  return { ok: true, value: n };
}

export const UINT32_MAX = 4_294_967_295;

export function readBool(issues: Issues, path: ConfigPath, v: unknown): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string') {
    const s = v.trim().toLowerCase();
    if (s === 'true' || s === 'yes' || s === 'on') return true;
    if (s === 'false' || s === 'no' || s === 'off') return false;
  }
  issues.error(path, `expected true or false, got ${describeValue(v)}`);
  return undefined;
}

/** One of a closed list of strings, compared exactly. */
export function readEnum<T extends string>(issues: Issues, path: ConfigPath, v: unknown, choices: readonly T[]): T | undefined {
  if (typeof v === 'string' && (choices as readonly string[]).includes(v)) return v as T;
  const near = typeof v === 'string' ? suggest(v, choices) : undefined;
  const hint = near === undefined ? '' : ` (did you mean '${near}'?)`;
  issues.error(path, `expected one of ${choices.join(', ')}, got ${describeValue(v)}${hint}`);
  return undefined;
}

/** Reads `map[key]` with `reader` when present (not undefined or null); `fallback` otherwise. */
export function optional<T>(
  issues: Issues,
  path: ConfigPath,
  map: PlainMap,
  key: string,
  reader: (issues: Issues, path: ConfigPath, v: unknown) => T | undefined,
  fallback: T,
): T | undefined {
  const v = map[key];
  if (v === undefined || v === null) return fallback;
  return reader(issues, [...path, key], v);
}

/** Lifts a `Parsed` scalar parser into a reader. */
export function reader<T>(parse: (v: unknown) => Parsed<T>) {
  return (issues: Issues, path: ConfigPath, v: unknown): T | undefined => {
    const r = parse(v);
    if (!r.ok) {
      issues.error(path, r.message);
      return undefined;
    }
    return r.value;
  };
}
