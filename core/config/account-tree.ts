import type { AccountConfig } from './accounts-types.js';
import { formatPath, type ConfigPath, type Issues } from './issues.js';
import { PARTITION_LIMIT_FIELDS, readLimitFields, type PartitionLimits } from './limits.js';
import { isPlainMap, optional, readBool, readList, readMap, readName, readNameList, readString, requireKey, type PlainMap } from './read.js';

const ACCOUNT_KEYS = ['Name', 'Description', 'Parent', 'AllowedPartitions', 'AllowedQos', 'DefaultQos', 'Blocked', 'PartitionLimits'];
const ACCOUNT_IGNORED = ['Coordinators'];

interface RawAccount {
  readonly index: number;
  readonly name: string;
  readonly description: string;
  readonly parent: string | null;
  readonly partitions: readonly string[] | null;
  readonly qos: readonly string[] | null;
  readonly defaultQos: string | null;
  readonly blocked: boolean;
  readonly limits: PlainMap | null;
}

/**
 * The `Accounts` list: a tree by `Parent`. Missing partition and QoS lists are inherited from the
 * parent, as `cacctmgr add account` does; given lists must be subsets of the parent's
 * (`ERR_PARENT_ACCOUNT_PARTITION_MISSING`, `ERR_PARENT_ACCOUNT_QOS_MISSING`) and name existing
 * partitions and QoS; `DefaultQos` must be allowed (`ERR_DEFAULT_QOS_NOT_INHERITED`).
 */
export function readAccountTree(
  issues: Issues,
  path: ConfigPath,
  v: unknown,
  partitions: readonly string[],
  qosNames: readonly string[] | undefined,
): AccountTree | undefined {
  const list = readList(issues, path, v);
  if (list === undefined) return undefined;
  // Names as written, so that a broken entry does not make its children report a missing parent.
  const written = new Set(list.flatMap((e) => (typeof e === 'string' ? [e] : isPlainMap(e) && typeof e['Name'] === 'string' ? [e['Name']] : [])));
  const raws: RawAccount[] = [];
  const at = new Map<string, number>();
  list.forEach((entry, i) => {
    const r = readRawAccount(issues, [...path, i], entry, i);
    if (r === undefined) return;
    if (at.has(r.name)) issues.error([...path, i, 'Name'], `account '${r.name}' is already defined by ${formatPath([...path, raws[at.get(r.name)!]!.index])}`);
    else {
      at.set(r.name, raws.length);
      raws.push(r);
    }
  });
  const broken = new Set<string>();
  for (const r of raws) {
    if (r.parent === null || at.has(r.parent)) continue;
    if (!written.has(r.parent)) issues.error([...path, r.index, 'Parent'], `account '${r.parent}' is not defined in Accounts`);
    broken.add(r.name);
  }
  for (const r of raws) {
    const cycle = parentCycle(r, raws, at);
    if (cycle === undefined) continue;
    broken.add(r.name);
    const first = Math.min(...cycle.map((n) => raws[at.get(n)!]!.index));
    if (r.index === first) issues.error([...path, r.index, 'Parent'], `the account tree has a cycle: ${cycle.join(' -> ')}`);
  }
  const resolved = new Map<string, AccountConfig | null>();
  const resolve = (r: RawAccount): AccountConfig | null => {
    const done = resolved.get(r.name);
    if (done !== undefined) return done;
    let account: AccountConfig | null = null;
    if (!broken.has(r.name)) {
      const parent = r.parent === null ? null : resolve(raws[at.get(r.parent)!]!);
      if (r.parent === null || parent !== null) account = resolveAccount(issues, [...path, r.index], r, parent, partitions, qosNames);
    }
    resolved.set(r.name, account);
    return account;
  };
  const accounts: AccountConfig[] = [];
  for (const r of raws) {
    const a = resolve(r);
    if (a !== null) accounts.push({ ...a, children: raws.filter((c) => c.parent === r.name).map((c) => c.name) });
  }
  return { accounts, written };
}

/**
 * The accounts that resolved, and every account name written: a user's membership in an account
 * that is written but broken is skipped without a second error.
 */
export interface AccountTree {
  readonly accounts: readonly AccountConfig[];
  readonly written: ReadonlySet<string>;
}

function readRawAccount(issues: Issues, path: ConfigPath, v: unknown, index: number): RawAccount | undefined {
  if (typeof v === 'string') {
    const name = readName(issues, path, v);
    return name === undefined ? undefined : { index, name, description: '', parent: null, partitions: null, qos: null, defaultQos: null, blocked: false, limits: null };
  }
  const map = readMap(issues, path, v, { known: ACCOUNT_KEYS, ignored: ACCOUNT_IGNORED });
  if (map === undefined) return undefined;
  const before = issues.count;
  const name = requireKey(issues, path, map, 'Name') ? readName(issues, [...path, 'Name'], map['Name']) : undefined;
  const description = optional(issues, path, map, 'Description', readString, '');
  const parent = optional(issues, path, map, 'Parent', readName, null);
  const partitions = optional(issues, path, map, 'AllowedPartitions', readNameList, null);
  const qos = optional(issues, path, map, 'AllowedQos', readNameList, null);
  const defaultQos = optional(issues, path, map, 'DefaultQos', readName, null);
  const blocked = optional(issues, path, map, 'Blocked', readBool, false);
  let limits: PlainMap | null = null;
  if (map['PartitionLimits'] !== undefined && map['PartitionLimits'] !== null) {
    if (isPlainMap(map['PartitionLimits'])) limits = map['PartitionLimits'];
    else issues.error([...path, 'PartitionLimits'], 'expected a map from partition name to limits');
  }
  if (issues.count > before || name === undefined || description === undefined || parent === undefined || partitions === undefined || qos === undefined || defaultQos === undefined || blocked === undefined) {
    return undefined;
  }
  if (parent === name) {
    issues.error([...path, 'Parent'], `an account cannot be its own parent ('${name}')`);
    return undefined;
  }
  return { index, name, description, parent, partitions, qos, defaultQos, blocked, limits };
}

/** The cycle `r` leads into by parents (names, ending where it starts), or undefined. */
function parentCycle(r: RawAccount, raws: readonly RawAccount[], at: ReadonlyMap<string, number>): readonly string[] | undefined {
  const seen: string[] = [];
  let cur: RawAccount | undefined = r;
  while (cur !== undefined) {
    const i = seen.indexOf(cur.name);
    if (i >= 0) return [...seen.slice(i), cur.name];
    seen.push(cur.name);
    cur = cur.parent === null ? undefined : raws[at.get(cur.parent)!];
  }
  return undefined;
}

function resolveAccount(
  issues: Issues,
  path: ConfigPath,
  r: RawAccount,
  parent: AccountConfig | null,
  partitions: readonly string[],
  qosNames: readonly string[] | undefined,
): AccountConfig | null {
  const before = issues.count;
  const allowedPartitions = r.partitions ?? parent?.allowedPartitions ?? [];
  r.partitions?.forEach((p, j) => {
    const where = [...path, 'AllowedPartitions', j];
    if (!partitions.includes(p)) issues.error(where, `partition '${p}' is not defined in the cluster file (expected one of ${partitions.join(', ')})`);
    else if (parent !== null && !parent.allowedPartitions.includes(p)) {
      issues.error(where, `partition '${p}' is not allowed for parent account '${parent.name}' (CraneSched: ERR_PARENT_ACCOUNT_PARTITION_MISSING)`);
    }
  });
  const allowedQos = r.qos ?? parent?.allowedQos ?? [];
  r.qos?.forEach((q, j) => {
    const where = [...path, 'AllowedQos', j];
    if (qosNames !== undefined && !qosNames.includes(q)) issues.error(where, `QoS '${q}' is not defined in Qos`);
    else if (parent !== null && !parent.allowedQos.includes(q)) issues.error(where, `QoS '${q}' is not allowed for parent account '${parent.name}' (CraneSched: ERR_PARENT_ACCOUNT_QOS_MISSING)`);
  });
  if (r.defaultQos !== null && !allowedQos.includes(r.defaultQos)) {
    issues.error([...path, 'DefaultQos'], `expected one of the account's allowed QoS (${allowedQos.join(', ') || 'none'}), got '${r.defaultQos}' (CraneSched: ERR_DEFAULT_QOS_NOT_INHERITED)`);
  }
  const partitionLimits = r.limits === null ? {} : readPartitionLimitsMap(issues, [...path, 'PartitionLimits'], r.limits, allowedPartitions, `account '${r.name}'`);
  if (issues.count > before || partitionLimits === undefined) return null;
  return {
    name: r.name,
    description: r.description,
    parent: r.parent,
    children: [],
    allowedPartitions,
    allowedQos,
    defaultQos: r.defaultQos ?? allowedQos[0] ?? null,
    blocked: r.blocked,
    partitionLimits,
  };
}

const LIMIT_KEYS = PARTITION_LIMIT_FIELDS.map((f) => f.key);

/** `PartitionLimits: {P: {MaxJobs: 4, ...}}`; every P must be one of `allowed` (`ERR_PARTITION_MISSING`). */
export function readPartitionLimitsMap(
  issues: Issues,
  path: ConfigPath,
  map: PlainMap,
  allowed: readonly string[],
  owner: string,
): Readonly<Record<string, PartitionLimits>> | undefined {
  const out: Record<string, PartitionLimits> = {};
  let ok = true;
  for (const [partition, v] of Object.entries(map)) {
    const p = [...path, partition];
    if (!allowed.includes(partition)) {
      issues.error(p, `partition '${partition}' is not one of ${owner}'s partitions (${allowed.join(', ') || 'none'}) (CraneSched: ERR_PARTITION_MISSING)`);
      ok = false;
      continue;
    }
    const limits = readMap(issues, p, v, { known: LIMIT_KEYS });
    const fields = limits === undefined ? undefined : readLimitFields(issues, p, limits, PARTITION_LIMIT_FIELDS, false);
    if (fields === undefined) ok = false;
    else out[partition] = fields as PartitionLimits;
  }
  return ok ? out : undefined;
}
