import { expandHostlist } from './hostlist.js';
import { describeValue, failed, parsed, type ConfigPath, type Issues, type Parsed } from './issues.js';
import { isPlainMap, readList, readMap, readString, parseInteger } from './read.js';

/**
 * An amount of one generic resource (CraneSched GRES) by name and type: `gpu:a100:4` is
 * `{name: 'gpu', type: 'a100', count: 4}`. In a request or a limit the type may be absent
 * (`gpu:2`, any type); on a node it is always present, as CraneSched's config requires.
 */
export interface GresAmount {
  readonly name: string;
  readonly type: string | null;
  readonly count: number;
}

/** Sorts by name, then type (untyped first), so that equal sets compare equal. */
export function sortGres(list: readonly GresAmount[]): readonly GresAmount[] {
  return [...list].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : (a.type ?? '') < (b.type ?? '') ? -1 : (a.type ?? '') > (b.type ?? '') ? 1 : 0));
}

const GRES_WORD = /^[A-Za-z0-9_.-]+$/;

/**
 * A GRES request as `--gres` writes it (per node): `gpu:2`, `gpu:a100:2`, several separated by
 * commas. The same name and type twice is an error.
 */
export function parseGresRequest(v: unknown): Parsed<readonly GresAmount[]> {
  if (typeof v !== 'string') return failed(`expected a GRES request like gpu:2 or gpu:a100:2, got ${describeValue(v)}`);
  const out: GresAmount[] = [];
  for (const item of v.split(',').map((s) => s.trim())) {
    const one = parseGresItem(item, false);
    if (!one.ok) return one;
    if (out.some((g) => g.name === one.value.name && g.type === one.value.type)) return failed(`${item} is given twice in ${JSON.stringify(v)}`);
    out.push(one.value);
  }
  return parsed(sortGres(out));
}

/** `name:count` or `name:type:count` (`typeRequired`: only the second). */
export function parseGresItem(item: string, typeRequired: boolean): Parsed<GresAmount> {
  const parts = item.split(':');
  const form = typeRequired ? 'name:type:count (e.g. gpu:a100:4)' : 'name:count or name:type:count (e.g. gpu:2, gpu:a100:2)';
  const bad = failed(`expected ${form}, got ${JSON.stringify(item)}`);
  if (parts.length !== 2 && parts.length !== 3) return bad;
  if (typeRequired && parts.length !== 3) return bad;
  const name = parts[0]!;
  const type = parts.length === 3 ? parts[1]! : null;
  if (!GRES_WORD.test(name) || (type !== null && !GRES_WORD.test(type))) return bad;
  const count = parseInteger(parts[parts.length - 1], { min: 1 });
  if (!count.ok) return failed(`${JSON.stringify(item)}: the count ${count.message.replace(/^expected/, 'must be')}`);
  return parsed({ name, type, count: count.value });
}

const NODE_GRES_KEYS = ['name', 'type', 'count', 'DeviceFileRegex', 'DeviceFileList', 'DeviceCDIRegex', 'DeviceCDIList', 'DeviceCniPipeline', 'EnvInjector'];

/**
 * A node's `gres` list. Each entry is CraneSched's map (`name`, `type`, and devices: every path
 * `DeviceFileRegex` expands to, and every `DeviceFileList` item, is one slot; the count is the
 * number of distinct devices) or CraneLab's shorthands: `count: N` instead of device files, or
 * the string `name:type:count`. CDI, CNI and env-injector keys are accepted and ignored.
 */
export function readNodeGres(issues: Issues, path: ConfigPath, v: unknown): readonly GresAmount[] | undefined {
  const list = readList(issues, path, v);
  if (list === undefined) return undefined;
  const out: GresAmount[] = [];
  let ok = true;
  list.forEach((entry, i) => {
    const g = readNodeGresEntry(issues, [...path, i], entry);
    if (g === undefined) ok = false;
    else if (out.some((o) => o.name === g.name && o.type === g.type)) {
      issues.error([...path, i], `GRES ${g.name}:${g.type} is listed twice for the same nodes`);
      ok = false;
    } else out.push(g);
  });
  return ok ? sortGres(out) : undefined;
}

function readNodeGresEntry(issues: Issues, path: ConfigPath, v: unknown): GresAmount | undefined {
  if (typeof v === 'string') {
    const r = parseGresItem(v.trim(), true);
    if (!r.ok) issues.error(path, r.message);
    return r.ok ? r.value : undefined;
  }
  if (!isPlainMap(v)) {
    issues.error(path, `expected a GRES map {name, type, DeviceFileRegex} or a string like gpu:a100:4, got ${describeValue(v)}`);
    return undefined;
  }
  const map = readMap(issues, path, v, { known: NODE_GRES_KEYS });
  if (map === undefined) return undefined;
  const before = issues.count;
  const name = word(issues, [...path, 'name'], map['name']);
  const type = word(issues, [...path, 'type'], map['type']);
  const devices = new Set<string>();
  if (map['DeviceFileRegex'] !== undefined) {
    const s = readString(issues, [...path, 'DeviceFileRegex'], map['DeviceFileRegex']);
    if (s !== undefined) {
      const r = expandHostlist(s);
      if (!r.ok) issues.error([...path, 'DeviceFileRegex'], r.message);
      else for (const d of r.value) devices.add(d);
    }
  }
  if (map['DeviceFileList'] !== undefined) {
    const items = readList(issues, [...path, 'DeviceFileList'], map['DeviceFileList']);
    items?.forEach((item, j) => {
      const s = readString(issues, [...path, 'DeviceFileList', j], item);
      if (s === undefined) return;
      const r = expandHostlist(s);
      if (!r.ok) issues.error([...path, 'DeviceFileList', j], r.message);
      else if (r.value.length === 0) issues.error([...path, 'DeviceFileList', j], 'expands to no device file');
      else devices.add(r.value[0]!);
    });
  }
  let count: number | undefined;
  if (map['count'] !== undefined) {
    if (map['DeviceFileRegex'] !== undefined || map['DeviceFileList'] !== undefined) {
      issues.error([...path, 'count'], 'give either count or device files (DeviceFileRegex, DeviceFileList), not both');
    } else {
      const r = parseInteger(map['count'], { min: 1 });
      if (!r.ok) issues.error([...path, 'count'], r.message);
      else count = r.value;
    }
  } else if (map['DeviceFileRegex'] === undefined && map['DeviceFileList'] === undefined) {
    issues.error(path, 'missing: a GRES needs DeviceFileRegex, DeviceFileList or count');
  } else count = devices.size;
  if (issues.count > before || name === undefined || type === undefined || count === undefined) return undefined;
  return { name, type, count };
}

function word(issues: Issues, path: ConfigPath, v: unknown): string | undefined {
  if (v === undefined || v === null) {
    issues.error(path, 'missing: this key is required');
    return undefined;
  }
  if (typeof v !== 'string' || !GRES_WORD.test(v)) {
    issues.error(path, `expected a word of letters, digits, '_', '.' or '-', got ${describeValue(v)}`);
    return undefined;
  }
  return v;
}
