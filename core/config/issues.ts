/**
 * Validation results for configuration files: every problem is a value with a field path, and a
 * validator collects all of them instead of stopping at the first.
 */

/** One step into a parsed file: a map key or a list index. */
export type PathSegment = string | number;
export type ConfigPath = readonly PathSegment[];

/**
 * A problem in a configuration value. `path` is the display form (`Partitions[1].nodes`);
 * `segments` is the same path as data, which the file loader uses to find the YAML line.
 */
export interface ConfigIssue {
  readonly path: string;
  readonly segments: ConfigPath;
  readonly message: string;
}

/**
 * The result of validating a plain value (what YAML parses to). Warnings are things CraneSched
 * itself only warns about (a clamped value, an ignored key); they never stop a run.
 */
export type Validated<T> =
  | { readonly ok: true; readonly value: T; readonly warnings: readonly ConfigIssue[] }
  | { readonly ok: false; readonly issues: readonly ConfigIssue[]; readonly warnings: readonly ConfigIssue[] };

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** `Partitions[1].nodes`; a key that is not a plain name is quoted: `PartitionLimits["a.b"]`. */
export function formatPath(segments: ConfigPath): string {
  let out = '';
  for (const s of segments) {
    if (typeof s === 'number') out += `[${s}]`;
    else if (IDENTIFIER.test(s)) out += out === '' ? s : `.${s}`;
    else out += `[${JSON.stringify(s)}]`;
  }
  return out;
}

/** Collects errors and warnings while a validator walks a value. */
export class Issues {
  readonly errors: ConfigIssue[] = [];
  readonly warnings: ConfigIssue[] = [];

  error(path: ConfigPath, message: string): void {
    this.errors.push({ path: formatPath(path), segments: [...path], message });
  }

  warn(path: ConfigPath, message: string): void {
    this.warnings.push({ path: formatPath(path), segments: [...path], message });
  }

  get count(): number {
    return this.errors.length;
  }

  /**
   * The final result: `value` only if no error was recorded. `undefined` means a reader gave up,
   * which it only does after recording an error; anything else is a bug in the validator.
   */
  finish<T>(value: T | undefined): Validated<T> {
    if (this.errors.length === 0) {
      if (value === undefined) throw new Error('validator bug: no value and no issue recorded');
      return { ok: true, value, warnings: this.warnings };
    }
    return { ok: false, issues: this.errors, warnings: this.warnings };
  }
}

/** How a value is named in `got …`: numbers and booleans as they are, strings quoted. */
export function describeValue(v: unknown): string {
  if (v === null || v === undefined) return 'nothing';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a map';
  return typeof v;
}

/** The closest known name to `word` (case-insensitive equal, or edit distance <= 2), if any. */
export function suggest(word: string, known: readonly string[]): string | undefined {
  const lower = word.toLowerCase();
  let best: string | undefined;
  let bestDistance = 3;
  for (const k of known) {
    if (k.toLowerCase() === lower) return k;
    const d = editDistance(lower, k.toLowerCase());
    if (d < bestDistance) {
      best = k;
      bestDistance = d;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur.push(Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)));
    }
    prev = cur;
  }
  return prev[b.length]!;
}

/** A parse result for one scalar: the value, or what was wrong (no path: the caller adds it). */
export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

export const parsed = <T>(value: T): Parsed<T> => ({ ok: true, value });
export const failed = (message: string): Parsed<never> => ({ ok: false, message });
