import {
  describeValue,
  isPlainMap,
  nameProblem,
  readEnum,
  readInt,
  readList,
  readMap,
  readString,
  type ConfigPath,
  type Issues,
} from '../../core/config/index.js';

/**
 * A declarative rule that turns a trace field into a CraneSched name (user, account, partition or
 * QoS). Written in a scenario as:
 *
 * - omitted or `null`: not given (CraneSched's default applies: default account, DefaultPartition,
 *   the association's default QoS);
 * - a string: a template applied to the target's default source, `{}` standing for the value
 *   (`u{}` makes SWF user 7 `u7`); a string without `{}` is a constant;
 * - `{from, format}`: a template applied to another field;
 * - `{from, table: {value: name}, default}`: a lookup; `default` (a template) covers other values,
 *   and without it an unlisted value is an error naming the trace line;
 * - `{from, modulo: [a, b, c]}`: value mod 3 picks a name (numeric fields);
 * - `{from, ranges: [{upTo: 8, value: small}, {value: large}]}`: the first range whose `upTo`
 *   (inclusive) is at least the value; the last range has no `upTo` (numeric fields).
 */
export type MappingRule =
  | { readonly kind: 'unset' }
  | { readonly kind: 'template'; readonly from: string; readonly template: string }
  | { readonly kind: 'table'; readonly from: string; readonly table: ReadonlyMap<string, string>; readonly fallback: string | null }
  | { readonly kind: 'modulo'; readonly from: string; readonly values: readonly string[] }
  | { readonly kind: 'ranges'; readonly from: string; readonly ranges: readonly { readonly upTo: number | null; readonly value: string }[] };

export type MappingTarget = 'user' | 'account' | 'partition' | 'qos';
export const MAPPING_TARGETS: readonly MappingTarget[] = ['user', 'account', 'partition', 'qos'];

export type Mapping = { readonly [T in MappingTarget]: MappingRule };

/** What a workload format offers: its source fields (numeric or not) and each target's default rule. */
export interface MappingSchema {
  readonly sources: readonly string[];
  readonly numeric: readonly string[];
  readonly defaults: Mapping;
}

const RULE_KEYS = ['from', 'format', 'table', 'default', 'modulo', 'ranges'];

/** Reads `mapping:` (a map from target to rule); targets not given keep the schema's default. */
export function readMapping(issues: Issues, path: ConfigPath, v: unknown, schema: MappingSchema): Mapping | undefined {
  if (v === undefined || v === null) return schema.defaults;
  const before = issues.count;
  const map = readMap(issues, path, v, { known: MAPPING_TARGETS });
  if (map === undefined) return undefined;
  const out: Record<string, MappingRule> = { ...schema.defaults };
  let ok = true;
  for (const target of MAPPING_TARGETS) {
    if (!(target in map)) continue;
    const defaultRule = schema.defaults[target];
    const defaultSource = defaultRule.kind === 'unset' ? undefined : defaultRule.from;
    const rule = readRule(issues, [...path, target], map[target], schema, defaultSource ?? DEFAULT_SOURCE[target]);
    if (rule === undefined) ok = false;
    else out[target] = rule;
  }
  return ok && issues.count === before ? (out as Mapping) : undefined;
}

/** For a template string on a target whose default is unset: SWF-style field names. */
const DEFAULT_SOURCE: Readonly<Record<MappingTarget, string>> = { user: 'user', account: 'group', partition: 'partition', qos: 'queue' };

function readRule(issues: Issues, path: ConfigPath, v: unknown, schema: MappingSchema, defaultSource: string): MappingRule | undefined {
  if (v === null) return { kind: 'unset' };
  if (typeof v === 'string') {
    if (!v.includes('{}')) return constant(issues, path, v);
    if (!schema.sources.includes(defaultSource)) {
      issues.error(path, `a template needs a field; write {from: <field>, format: ${JSON.stringify(v)}} with a field from: ${schema.sources.join(', ')}`);
      return undefined;
    }
    return { kind: 'template', from: defaultSource, template: v };
  }
  if (!isPlainMap(v)) {
    issues.error(path, `expected a name template (string), null, or a rule map {from, format | table | modulo | ranges}, got ${describeValue(v)}`);
    return undefined;
  }
  const map = readMap(issues, path, v, { known: RULE_KEYS });
  if (map === undefined) return undefined;
  const from = map['from'] === undefined ? defaultSource : readEnum(issues, [...path, 'from'], map['from'], schema.sources);
  if (from === undefined) return undefined;
  if (!schema.sources.includes(from)) {
    issues.error([...path, 'from'], `missing: this format has no field '${from}'; expected one of: ${schema.sources.join(', ')}`);
    return undefined;
  }
  const kinds = ['format', 'table', 'modulo', 'ranges'].filter((k) => map[k] !== undefined);
  if (kinds.length !== 1) {
    issues.error(path, kinds.length === 0 ? 'expected one of format, table, modulo or ranges' : `expected one of format, table, modulo or ranges, got ${kinds.join(' and ')}`);
    return undefined;
  }
  if (map['default'] !== undefined && kinds[0] !== 'table') {
    issues.error([...path, 'default'], 'default only goes with table');
    return undefined;
  }
  const numeric = schema.numeric.includes(from);
  switch (kinds[0]) {
    case 'format': {
      const t = readString(issues, [...path, 'format'], map['format']);
      return t === undefined ? undefined : { kind: 'template', from, template: t };
    }
    case 'table': {
      if (!isPlainMap(map['table'])) {
        issues.error([...path, 'table'], `expected a map from ${from} values to names, got ${describeValue(map['table'])}`);
        return undefined;
      }
      const table = new Map<string, string>();
      for (const [k, name] of Object.entries(map['table'])) {
        const n = templateName(issues, [...path, 'table', k], name, false);
        if (n !== undefined) table.set(k, n);
      }
      const fallback = map['default'] === undefined || map['default'] === null ? null : templateName(issues, [...path, 'default'], map['default'], true);
      return table.size === Object.keys(map['table']).length && fallback !== undefined ? { kind: 'table', from, table, fallback } : undefined;
    }
    case 'modulo': {
      if (!numeric) return notNumeric(issues, [...path, 'modulo'], from);
      const list = readList(issues, [...path, 'modulo'], map['modulo']);
      if (list === undefined) return undefined;
      if (list.length === 0) {
        issues.error([...path, 'modulo'], 'expected at least one name, got an empty list');
        return undefined;
      }
      const values = list.map((x, i) => templateName(issues, [...path, 'modulo', i], x, false));
      return values.every((x) => x !== undefined) ? { kind: 'modulo', from, values: values as string[] } : undefined;
    }
    case 'ranges':
      if (!numeric) return notNumeric(issues, [...path, 'ranges'], from);
      return readRanges(issues, [...path, 'ranges'], map['ranges'], from);
    default:
      return undefined;
  }
}

function notNumeric(issues: Issues, path: ConfigPath, from: string): undefined {
  issues.error(path, `'${from}' is not a numeric field; modulo and ranges need one`);
  return undefined;
}

function readRanges(issues: Issues, path: ConfigPath, v: unknown, from: string): MappingRule | undefined {
  const list = readList(issues, path, v);
  if (list === undefined) return undefined;
  const ranges: { upTo: number | null; value: string }[] = [];
  let ok = true;
  list.forEach((entry, i) => {
    const map = readMap(issues, [...path, i], entry, { known: ['upTo', 'value'] });
    if (map === undefined) return void (ok = false);
    const last = i === list.length - 1;
    let upTo: number | null = null;
    if (map['upTo'] !== undefined && map['upTo'] !== null) {
      const n = readInt(issues, [...path, i, 'upTo'], map['upTo'], { min: -1 });
      if (n === undefined) return void (ok = false);
      const prev = ranges[ranges.length - 1]?.upTo;
      if (prev !== undefined && prev !== null && n <= prev) {
        issues.error([...path, i, 'upTo'], `expected more than the previous upTo (${prev}), got ${n}`);
        return void (ok = false);
      }
      upTo = n;
    }
    if (last !== (upTo === null)) {
      issues.error([...path, i], last ? 'the last range must have no upTo (it takes every larger value)' : 'missing: upTo (only the last range has none)');
      return void (ok = false);
    }
    const value = map['value'] === undefined ? (issues.error([...path, i, 'value'], 'missing: this key is required'), undefined) : templateName(issues, [...path, i, 'value'], map['value'], true);
    if (value === undefined) return void (ok = false);
    ranges.push({ upTo, value });
  });
  if (ranges.length === 0 && ok) issues.error(path, 'expected at least one range, got an empty list');
  return ok && ranges.length > 0 ? { kind: 'ranges', from, ranges } : undefined;
}

function constant(issues: Issues, path: ConfigPath, v: string): MappingRule | undefined {
  const problem = nameProblem(v);
  if (problem !== undefined) {
    issues.error(path, problem);
    return undefined;
  }
  return { kind: 'template', from: '', template: v };
}

/** A name, or (when `template`) a name template with `{}`; checked with a sample value. */
function templateName(issues: Issues, path: ConfigPath, v: unknown, template: boolean): string | undefined {
  const s = readString(issues, path, v);
  if (s === undefined) return undefined;
  const problem = nameProblem(template ? s.replaceAll('{}', '1') : s);
  if (problem !== undefined) {
    issues.error(path, problem);
    return undefined;
  }
  return s;
}

/** The value of a source field, as a trace gives it. */
export type SourceValue = string | number;

/** The source field a rule reads, or null for a rule that reads none (unset, or a constant template). */
export function ruleSource(rule: MappingRule): string | null {
  return rule.kind === 'unset' || (rule.kind === 'template' && rule.from === '') ? null : rule.from;
}

/**
 * Applies a rule to a record: the name, null for "not given", or a message naming what went wrong
 * (the caller adds file, line and field).
 */
export function applyRule(rule: MappingRule, get: (field: string) => SourceValue): { readonly ok: true; readonly value: string | null } | { readonly ok: false; readonly message: string } {
  switch (rule.kind) {
    case 'unset':
      return { ok: true, value: null };
    case 'template': {
      if (rule.from === '') return { ok: true, value: rule.template };
      const v = get(rule.from);
      if (v === '') return { ok: true, value: null };
      return checked(rule.template.replaceAll('{}', text(v)));
    }
    case 'table': {
      const v = get(rule.from);
      const hit = rule.table.get(text(v));
      if (hit !== undefined) return { ok: true, value: hit };
      if (rule.fallback === null) return { ok: false, message: `${rule.from} ${JSON.stringify(text(v))} has no entry in the mapping table and the rule has no default` };
      return checked(rule.fallback.replaceAll('{}', text(v)));
    }
    case 'modulo': {
      const v = Math.trunc(Number(get(rule.from)));
      const n = rule.values.length;
      return { ok: true, value: rule.values[((v % n) + n) % n]! };
    }
    case 'ranges': {
      const v = Number(get(rule.from));
      const r = rule.ranges.find((x) => x.upTo === null || v <= x.upTo)!;
      return checked(r.value.replaceAll('{}', text(get(rule.from))));
    }
  }
}

function text(v: SourceValue): string {
  return typeof v === 'number' ? String(Number.isInteger(v) ? v : Math.trunc(v)) : v;
}

function checked(name: string): { readonly ok: true; readonly value: string } | { readonly ok: false; readonly message: string } {
  const problem = nameProblem(name);
  return problem === undefined ? { ok: true, value: name } : { ok: false, message: problem };
}
