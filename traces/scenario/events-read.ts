import {
  isPlainMap,
  optional,
  parseDuration,
  readBool,
  readEnum,
  readLimitFields,
  readList,
  readMap,
  readName,
  readQosPatch,
  readString,
  reader,
  requireKey,
  PARTITION_LIMIT_FIELDS,
  type AccountAcl,
  type ConfigPath,
  type Issues,
  type PartitionLimitsPatch,
  type PlainMap,
} from '../../core/config/index.js';
import type { Millis } from '../../core/index.js';
import { checkKnown, readKnownNames, readNodes, type EventContext } from './event-context.js';
import { checkReservationTimeline, readReservationCreate, RESERVATION_KEYS } from './event-reservation.js';
import { ADMIN_EVENT_TYPES, sortEvents, type AdminEvent, type AdminEventType } from './events.js';

const KEYS: Readonly<Record<AdminEventType, readonly string[]>> = {
  'reservation-create': RESERVATION_KEYS,
  'reservation-delete': ['name'],
  'node-down': ['nodes', 'reason'],
  'node-up': ['nodes'],
  'node-drain': ['nodes', 'reason'],
  'node-resume': ['nodes'],
  'qos-modify': ['qos', 'set'],
  'account-modify': ['account', 'blocked', 'partitionLimits'],
  'user-modify': ['user', 'account', 'blocked', 'partitionLimits'],
  'partition-modify': ['partition', 'allowedAccounts', 'deniedAccounts'],
  'job-hold': ['job', 'releaseAfter'],
  'job-release': ['job'],
  'job-cancel': ['job'],
};

const duration = reader(parseDuration);

/**
 * The `events:` list: each event is `{at, type, ...}` with the keys of its type. References are
 * checked against the configuration and the workload; reservations are checked over time. The
 * result is sorted by time (file order among equal times), as the simulation applies them.
 */
export function readEvents(issues: Issues, path: ConfigPath, v: unknown, ctx: EventContext): readonly AdminEvent[] | undefined {
  if (v === undefined || v === null) return [];
  const list = readList(issues, path, v);
  if (list === undefined) return undefined;
  const before = issues.count;
  const read: { event: AdminEvent; index: number }[] = [];
  list.forEach((entry, i) => {
    const e = readEvent(issues, [...path, i], entry, ctx);
    if (e !== undefined) read.push({ event: e, index: i });
  });
  const sorted = read.map((x, i) => ({ ...x, i })).sort((a, b) => a.event.at - b.event.at || a.i - b.i);
  checkReservationTimeline(issues, path, sorted);
  if (issues.count > before) return undefined;
  return sortEvents(read.map((x) => x.event));
}

function readEvent(issues: Issues, path: ConfigPath, v: unknown, ctx: EventContext): AdminEvent | undefined {
  if (!isPlainMap(v)) {
    readMap(issues, path, v, { known: [] });
    return undefined;
  }
  if (!requireKey(issues, path, v, 'type')) return undefined;
  const type = readEnum(issues, [...path, 'type'], v['type'], ADMIN_EVENT_TYPES);
  if (type === undefined) return undefined;
  const before = issues.count;
  const map = readMap(issues, path, v, { known: ['at', 'type', ...KEYS[type]] });
  if (map === undefined) return undefined;
  const at = requireKey(issues, path, map, 'at') ? duration(issues, [...path, 'at'], map['at']) : undefined;
  if (at === undefined || issues.count > before) return undefined;
  const p = (k: string): ConfigPath => [...path, k];
  const accountNames = ctx.accounts.accounts.map((a) => a.name);
  switch (type) {
    case 'reservation-create':
      return readReservationCreate(issues, path, map, at, ctx);
    case 'reservation-delete': {
      const name = requireKey(issues, path, map, 'name') ? readName(issues, p('name'), map['name']) : undefined;
      return name === undefined ? undefined : { type, at, name };
    }
    case 'node-down':
    case 'node-up':
    case 'node-drain':
    case 'node-resume': {
      const nodes = requireKey(issues, path, map, 'nodes') ? readNodes(issues, p('nodes'), map['nodes'], ctx) : undefined;
      const reason = optional(issues, path, map, 'reason', readString, null);
      return nodes === undefined || reason === undefined ? undefined : { type, at, nodes, reason };
    }
    case 'qos-modify': {
      const qos = requireKey(issues, path, map, 'qos') ? checkKnown(issues, p('qos'), readName(issues, p('qos'), map['qos']), ctx.accounts.qos.map((q) => q.name), 'QoS', 'the accounts file') : undefined;
      const set = requireKey(issues, path, map, 'set') ? readQosPatch(issues, p('set'), map['set']) : undefined;
      if (set?.preempt !== undefined && qos !== undefined) {
        for (const target of set.preempt) {
          if (target === qos) issues.error(p('set'), `a QoS cannot preempt itself ('${qos}')`);
          else checkKnown(issues, p('set'), target, ctx.accounts.qos.map((q) => q.name), 'QoS', 'the accounts file');
        }
      }
      return qos === undefined || set === undefined || issues.count > before ? undefined : { type, at, qos, set };
    }
    case 'account-modify': {
      const account = requireKey(issues, path, map, 'account') ? checkKnown(issues, p('account'), readName(issues, p('account'), map['account']), accountNames, 'account', 'the accounts file') : undefined;
      const allowed = ctx.accounts.accounts.find((a) => a.name === account)?.allowedPartitions ?? [];
      const blocked = optional(issues, path, map, 'blocked', readBool, null);
      const partitionLimits = account === undefined ? undefined : readLimitPatches(issues, p('partitionLimits'), map['partitionLimits'], allowed, `account '${account}'`);
      if (account !== undefined && blocked === null && partitionLimits !== undefined && Object.keys(partitionLimits).length === 0) issues.error(path, 'expected blocked or partitionLimits: the event changes nothing');
      return account === undefined || blocked === undefined || partitionLimits === undefined || issues.count > before ? undefined : { type, at, account, blocked, partitionLimits };
    }
    case 'user-modify': {
      const user = requireKey(issues, path, map, 'user') ? checkKnown(issues, p('user'), readName(issues, p('user'), map['user']), ctx.accounts.users.map((u) => u.name), 'user', 'the accounts file') : undefined;
      const memberships = ctx.accounts.users.find((u) => u.name === user)?.accounts ?? [];
      const account = requireKey(issues, path, map, 'account') ? readName(issues, p('account'), map['account']) : undefined;
      const membership = memberships.find((m) => m.account === account);
      if (user !== undefined && account !== undefined && membership === undefined) issues.error(p('account'), `user '${user}' does not belong to account '${account}' (${memberships.map((m) => m.account).join(', ')})`);
      const blocked = optional(issues, path, map, 'blocked', readBool, null);
      const partitions = membership?.associations.map((a) => a.partition) ?? [];
      const partitionLimits = membership === undefined ? undefined : readLimitPatches(issues, p('partitionLimits'), map['partitionLimits'], partitions, `user '${user}' in account '${account}'`);
      if (membership !== undefined && blocked === null && partitionLimits !== undefined && Object.keys(partitionLimits).length === 0) issues.error(path, 'expected blocked or partitionLimits: the event changes nothing');
      return user === undefined || account === undefined || blocked === undefined || partitionLimits === undefined || issues.count > before ? undefined : { type, at, user, account, blocked, partitionLimits };
    }
    case 'partition-modify': {
      const partition = requireKey(issues, path, map, 'partition') ? checkKnown(issues, p('partition'), readName(issues, p('partition'), map['partition']), ctx.cluster.partitions.map((x) => x.name), 'partition', 'the cluster file') : undefined;
      const acl = readPartitionAcl(issues, path, map, accountNames);
      return partition === undefined || acl === undefined ? undefined : { type, at, partition, acl };
    }
    case 'job-hold':
    case 'job-release':
    case 'job-cancel': {
      const job = requireKey(issues, path, map, 'job') ? readJobRef(issues, p('job'), map['job'], at, ctx) : undefined;
      if (type !== 'job-hold') return job === undefined ? undefined : { type, at, job };
      const releaseAfter = optional(issues, path, map, 'releaseAfter', duration, null);
      return job === undefined || releaseAfter === undefined ? undefined : { type, at, job, releaseAfter };
    }
  }
}

function readJobRef(issues: Issues, path: ConfigPath, v: unknown, at: Millis, ctx: EventContext): string | undefined {
  const job = readString(issues, path, v);
  if (job === undefined || ctx.jobs === null) return job;
  const submit = ctx.jobs.get(job);
  if (submit === undefined) {
    issues.error(path, `job '${job}' is not in the workload`);
    return undefined;
  }
  if (submit > at) issues.warn(path, `job '${job}' is submitted at ${submit / 1000} s, after this event (${at / 1000} s): CraneSched would find no such job`);
  return job;
}

/** `partitionLimits: {P: {MaxJobs: 4, MaxWall: null}}`; partitions must be the owner's. */
function readLimitPatches(issues: Issues, path: ConfigPath, v: unknown, allowed: readonly string[], owner: string): Readonly<Record<string, PartitionLimitsPatch>> | undefined {
  if (v === undefined || v === null) return {};
  if (!isPlainMap(v)) {
    issues.error(path, 'expected a map from partition name to limits');
    return undefined;
  }
  const out: Record<string, PartitionLimitsPatch> = {};
  let ok = true;
  for (const [partition, limits] of Object.entries(v)) {
    if (!allowed.includes(partition)) {
      issues.error([...path, partition], `partition '${partition}' is not one of ${owner}'s partitions (${allowed.join(', ') || 'none'})`);
      ok = false;
      continue;
    }
    const map = readMap(issues, [...path, partition], limits, { known: PARTITION_LIMIT_FIELDS.map((f) => f.key) });
    const fields = map === undefined ? undefined : readLimitFields(issues, [...path, partition], map, PARTITION_LIMIT_FIELDS, true);
    if (fields === undefined) ok = false;
    else out[partition] = fields as PartitionLimitsPatch;
  }
  return ok ? out : undefined;
}

/** Exactly one of `allowedAccounts` / `deniedAccounts`; `deniedAccounts: []` opens the partition to all. */
function readPartitionAcl(issues: Issues, path: ConfigPath, map: PlainMap, accounts: readonly string[]): AccountAcl | undefined {
  const has = (k: string): boolean => map[k] !== undefined;
  if (has('allowedAccounts') === has('deniedAccounts')) {
    issues.error(path, has('allowedAccounts') ? 'give allowedAccounts or deniedAccounts, not both' : 'missing: allowedAccounts or deniedAccounts (deniedAccounts: [] opens the partition to every account)');
    return undefined;
  }
  const key = has('allowedAccounts') ? 'allowedAccounts' : 'deniedAccounts';
  const names = readKnownNames(issues, [...path, key], map[key], accounts, 'account');
  if (names === undefined) return undefined;
  if (key === 'deniedAccounts') return names.length === 0 ? { kind: 'all' } : { kind: 'deny', accounts: names };
  return { kind: 'allow', accounts: names };
}
