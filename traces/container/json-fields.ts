/**
 * A small reader of parsed JSON that knows where it is: every accessor takes a field name, builds
 * its path (`steps[2].container.image`), and reports a problem to the sink instead of throwing, so
 * one pass collects every issue on a line.
 */

/** Where issues go: a field path and a message (`expected a non-empty string, got 42`). */
export interface IssueSink {
  add(path: string, message: string): void;
}

export type JsonObject = { readonly [key: string]: unknown };

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** `parent.key`, or `parent["odd key"]` when the key is not an identifier. */
export function childPath(parent: string, key: string): string {
  if (IDENTIFIER.test(key)) return parent === '' ? key : `${parent}.${key}`;
  return `${parent}[${JSON.stringify(key)}]`;
}

export const indexPath = (parent: string, index: number): string => `${parent}[${index}]`;

/** A short rendering of a bad value for a message. */
export function shown(value: unknown): string {
  const text = value === undefined ? 'nothing' : JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export interface NumberRule {
  readonly min?: number;
  /** `min` is exclusive. */
  readonly above?: number;
  readonly max?: number;
  readonly integer?: boolean;
  /** The phrase after "expected" (e.g. `an integer from 0 to 255`). */
  readonly expected: string;
}

export function checkNumber(value: unknown, rule: NumberRule): boolean {
  if (typeof value !== 'number' || !Number.isFinite(value)) return false;
  if (rule.integer === true && !Number.isInteger(value)) return false;
  if (rule.min !== undefined && value < rule.min) return false;
  if (rule.above !== undefined && value <= rule.above) return false;
  if (rule.max !== undefined && value > rule.max) return false;
  return true;
}

/** Field access on one JSON object at a known path. */
export class ObjectFields {
  private constructor(
    readonly value: JsonObject,
    readonly path: string,
    readonly sink: IssueSink,
  ) {}

  /** The object at `path`, or undefined after reporting `expected an object`. */
  static of(value: unknown, path: string, sink: IssueSink, what = 'an object'): ObjectFields | undefined {
    if (!isObject(value)) {
      sink.add(path, `expected ${what}, got ${shown(value)}`);
      return undefined;
    }
    return new ObjectFields(value, path, sink);
  }

  at(key: string): string {
    return childPath(this.path, key);
  }

  has(key: string): boolean {
    return this.value[key] !== undefined;
  }

  raw(key: string): unknown {
    return this.value[key];
  }

  /** Reports every field not in `known`, in the object's own key order. */
  onlyKnown(known: readonly string[]): void {
    for (const key of Object.keys(this.value)) {
      if (!known.includes(key)) this.sink.add(this.at(key), `unknown field (known fields: ${known.join(', ')})`);
    }
  }

  private missing(key: string, expected: string): undefined {
    this.sink.add(this.at(key), `missing: expected ${expected}`);
    return undefined;
  }

  private wrong(key: string, expected: string): undefined {
    this.sink.add(this.at(key), `expected ${expected}, got ${shown(this.value[key])}`);
    return undefined;
  }

  /** A non-empty string. */
  string(key: string, required: boolean): string | undefined {
    const v = this.value[key];
    if (v === undefined) return required ? this.missing(key, 'a non-empty string') : undefined;
    if (typeof v !== 'string' || v.length === 0) return this.wrong(key, 'a non-empty string');
    return v;
  }

  /** A string, possibly empty (environment values, labels). */
  anyString(key: string): string | undefined {
    const v = this.value[key];
    if (v === undefined) return undefined;
    if (typeof v !== 'string') return this.wrong(key, 'a string');
    return v;
  }

  number(key: string, rule: NumberRule, required: boolean): number | undefined {
    const v = this.value[key];
    if (v === undefined) return required ? this.missing(key, rule.expected) : undefined;
    if (!checkNumber(v, rule)) return this.wrong(key, rule.expected);
    return v as number;
  }

  boolean(key: string): boolean | undefined {
    const v = this.value[key];
    if (v === undefined) return undefined;
    if (typeof v !== 'boolean') return this.wrong(key, 'true or false');
    return v;
  }

  oneOf<T extends string>(key: string, choices: readonly T[], required: boolean): T | undefined {
    const v = this.value[key];
    const expected = `one of ${choices.map((c) => JSON.stringify(c)).join(', ')}`;
    if (v === undefined) return required ? this.missing(key, expected) : undefined;
    if (typeof v !== 'string' || !(choices as readonly string[]).includes(v)) return this.wrong(key, expected);
    return v as T;
  }

  object(key: string, required: boolean): ObjectFields | undefined {
    const v = this.value[key];
    if (v === undefined) return required ? this.missing(key, 'an object') : undefined;
    return ObjectFields.of(v, this.at(key), this.sink);
  }

  /** The array's items with their paths; undefined when absent or not an array. */
  array(key: string, required: boolean, what = 'an array'): { readonly value: unknown; readonly path: string }[] | undefined {
    const v = this.value[key];
    if (v === undefined) return required ? this.missing(key, what) : undefined;
    if (!Array.isArray(v)) return this.wrong(key, what);
    const at = this.at(key);
    return v.map((value: unknown, i) => ({ value, path: indexPath(at, i) }));
  }

  /** An array of non-empty strings; bad items are reported and dropped. */
  stringArray(key: string): string[] | undefined {
    const items = this.array(key, false, 'an array of strings');
    if (items === undefined) return undefined;
    const out: string[] = [];
    for (const item of items) {
      if (typeof item.value === 'string' && item.value.length > 0) out.push(item.value);
      else this.sink.add(item.path, `expected a non-empty string, got ${shown(item.value)}`);
    }
    return out;
  }

  /** An object whose values are all strings (env, labels, mounts); keys keep file order. */
  stringMap(key: string, allowEmptyValues: boolean): Record<string, string> | undefined {
    const obj = this.object(key, false);
    if (obj === undefined) return undefined;
    const out: [string, string][] = [];
    for (const [k, v] of Object.entries(obj.value)) {
      if (typeof v === 'string' && (allowEmptyValues || v.length > 0)) out.push([k, v]);
      else obj.sink.add(obj.at(k), `expected ${allowEmptyValues ? 'a string' : 'a non-empty string'}, got ${shown(v)}`);
    }
    // fromEntries defines own properties, so a "__proto__" key stays data.
    return Object.fromEntries(out);
  }
}
