import { isNode, LineCounter, parseDocument, type Document } from 'yaml';
import type { InputIssue } from '../../traces/index.js';

/** A position in a YAML document: keys and sequence indices from the root. */
export type FieldPath = readonly (string | number)[];

/** `profiles[1].backfill`. */
export function formatPath(path: FieldPath): string {
  let out = '';
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : out === '' ? part : `.${part}`;
  return out === '' ? '(top level)' : out;
}

/**
 * A parsed YAML file with its line table: validators read plain values and report issues naming the
 * file, the line of the offending node (or of its nearest existing parent) and the field path.
 */
export class YamlSource {
  readonly issues: InputIssue[] = [];
  private constructor(
    readonly file: string,
    readonly value: unknown,
    private readonly doc: Document,
    private readonly lines: LineCounter,
  ) {}

  /** Parses `text`; syntax errors become issues and the value is then undefined. */
  static parse(file: string, text: string): YamlSource {
    const lines = new LineCounter();
    const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
    const source = new YamlSource(file, doc.errors.length === 0 ? doc.toJS() : undefined, doc, lines);
    for (const error of doc.errors) {
      const line = lines.linePos(error.pos[0]).line;
      source.issues.push({ file, line, message: `YAML syntax: ${error.message.split('\n')[0]}` });
    }
    return source;
  }

  /** The 1-based line of the node at `path`, else of its nearest ancestor that exists. */
  lineOf(path: FieldPath): number | undefined {
    for (let n = path.length; n >= 0; n--) {
      const node: unknown = n === 0 ? this.doc.contents : this.doc.getIn(path.slice(0, n), true);
      if (isNode(node) && node.range !== undefined && node.range !== null) return this.lines.linePos(node.range[0]).line;
    }
    return undefined;
  }

  report(path: FieldPath, message: string): void {
    const line = this.lineOf(path);
    this.issues.push({ file: this.file, ...(line === undefined ? {} : { line }), field: formatPath(path), message });
  }

  get ok(): boolean {
    return this.issues.length === 0;
  }
}

/** Typed readers of plain YAML values; each reports a problem and returns undefined. */
export class Fields {
  constructor(private readonly src: YamlSource) {}

  /** A mapping with only the given keys (a typo is an error that suggests the closest key). */
  map(value: unknown, path: FieldPath, keys: readonly string[]): Record<string, unknown> | undefined {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      this.src.report(path, `expected a mapping (key: value lines), got ${describe(value)}`);
      return undefined;
    }
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      if (keys.includes(key)) continue;
      const near = closest(key, keys);
      this.src.report([...path, key], `unknown field${near === undefined ? '' : ` (did you mean '${near}'?)`}; known: ${keys.join(', ')}`);
    }
    return record;
  }

  list(value: unknown, path: FieldPath, nonEmpty = true): unknown[] | undefined {
    if (!Array.isArray(value)) {
      this.src.report(path, `expected a list, got ${describe(value)}`);
      return undefined;
    }
    if (nonEmpty && value.length === 0) {
      this.src.report(path, 'expected at least one entry');
      return undefined;
    }
    return value;
  }

  string(value: unknown, path: FieldPath): string | undefined {
    if (typeof value === 'string' && value.trim() !== '') return value;
    this.src.report(path, `expected a non-empty string, got ${describe(value)}`);
    return undefined;
  }

  oneOf<T extends string>(value: unknown, path: FieldPath, allowed: readonly T[]): T | undefined {
    if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
    this.src.report(path, `expected one of ${allowed.join(', ')}, got ${describe(value)}`);
    return undefined;
  }

  boolean(value: unknown, path: FieldPath): boolean | undefined {
    if (typeof value === 'boolean') return value;
    this.src.report(path, `expected true or false, got ${describe(value)}`);
    return undefined;
  }

  /** An integer in [min, max]. */
  integer(value: unknown, path: FieldPath, min: number, max = Number.MAX_SAFE_INTEGER): number | undefined {
    if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max) return value;
    const range = max === Number.MAX_SAFE_INTEGER ? `>= ${min}` : `in ${min}..${max}`;
    this.src.report(path, `expected an integer ${range}, got ${describe(value)}`);
    return undefined;
  }

  /** A finite number with lo < x (or lo <= x when `inclusive`) and x <= hi. */
  number(value: unknown, path: FieldPath, lo: number, hi: number, inclusive: boolean): number | undefined {
    if (typeof value === 'number' && Number.isFinite(value) && (inclusive ? value >= lo : value > lo) && value <= hi) return value;
    const range = `${inclusive ? '>=' : '>'} ${lo}${hi === Infinity ? '' : ` and <= ${hi}`}`;
    this.src.report(path, `expected a number ${range}, got ${describe(value)}`);
    return undefined;
  }

  /** Reports a problem found by a caller's own check. */
  problem(path: FieldPath, message: string): undefined {
    this.src.report(path, message);
    return undefined;
  }
}

export function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `'${value}'`;
  return String(value);
}

/** The known key within edit distance 2 of `key`, if any. */
function closest(key: string, keys: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const k of keys) {
    const d = editDistance(key.toLowerCase(), k.toLowerCase());
    if (d < bestDistance) {
      best = k;
      bestDistance = d;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row.push(Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)));
    prev = row;
  }
  return prev[b.length]!;
}
