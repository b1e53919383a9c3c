import { readPartitionLimitsMap, type AccountTree } from './account-tree.js';
import type { AccountConfig, AdminLevel, Association, UserAccount, UserConfig } from './accounts-types.js';
import { expandHostlist } from './hostlist.js';
import { formatPath, type ConfigPath, type Issues } from './issues.js';
import type { PartitionLimits } from './limits.js';
import { isPlainMap, nameProblem, optional, readBool, readEnum, readInt, readList, readMap, readName, readNameList, readString, requireKey, type PlainMap } from './read.js';

const USER_KEYS = ['Name', 'Uid', 'AdminLevel', 'DefaultAccount', 'Accounts'];
const MEMBERSHIP_KEYS = ['Account', 'Partitions', 'DefaultQos', 'AllowedQos', 'PartitionQos', 'Blocked', 'PartitionLimits'];
const ADMIN_LEVELS: readonly AdminLevel[] = ['None', 'Operator', 'Admin', 'Root'];

/**
 * The `Users` list. A user belongs to the accounts under `Accounts` (default: just
 * `DefaultAccount`), which must include `DefaultAccount`. Each membership gets one association per
 * partition: by default every partition of the account, each with the account's default and
 * allowed QoS (what `cacctmgr add user` copies in); `Partitions`, `AllowedQos`, `DefaultQos` and
 * `PartitionQos` narrow that, and must stay within the account's lists.
 *
 * CraneLab extension: a `Name` with brackets is a hostlist (`u[1-214]`) and defines one user per
 * expanded name with the same settings.
 */
export function readUsers(issues: Issues, path: ConfigPath, v: unknown, tree: AccountTree): readonly UserConfig[] | undefined {
  const list = readList(issues, path, v);
  if (list === undefined) return undefined;
  const byName = new Map(tree.accounts.map((a) => [a.name, a]));
  const out: UserConfig[] = [];
  const at = new Map<string, number>();
  let ok = true;
  list.forEach((entry, i) => {
    const users = readUserEntry(issues, [...path, i], entry, byName, tree.written);
    if (users === undefined) {
      ok = false;
      return;
    }
    for (const u of users) {
      const first = at.get(u.name);
      if (first !== undefined) {
        issues.error([...path, i, 'Name'], `user '${u.name}' is already defined by ${formatPath([...path, first])}`);
        ok = false;
      } else {
        at.set(u.name, i);
        out.push(u);
      }
    }
  });
  return ok ? out : undefined;
}

function readUserEntry(issues: Issues, path: ConfigPath, v: unknown, accounts: ReadonlyMap<string, AccountConfig>, written: ReadonlySet<string>): readonly UserConfig[] | undefined {
  const map = readMap(issues, path, v, { known: USER_KEYS });
  if (map === undefined) return undefined;
  const before = issues.count;
  const names = requireKey(issues, path, map, 'Name') ? readUserNames(issues, [...path, 'Name'], map['Name']) : undefined;
  const uid = optional(issues, path, map, 'Uid', readInt, null);
  const adminLevel = optional(issues, path, map, 'AdminLevel', (is, p, x) => readEnum(is, p, x, ADMIN_LEVELS), 'None' as AdminLevel);
  const defaultAccount = requireKey(issues, path, map, 'DefaultAccount') ? readName(issues, [...path, 'DefaultAccount'], map['DefaultAccount']) : undefined;
  const memberships = readMemberships(issues, path, map, defaultAccount, accounts, written);
  if (issues.count > before || names === undefined || uid === undefined || adminLevel === undefined || defaultAccount === undefined || memberships === undefined) return undefined;
  if (uid !== null && names.length > 1) {
    issues.error([...path, 'Uid'], `one Uid cannot belong to ${names.length} users; drop Uid or give one user per entry`);
    return undefined;
  }
  return names.map((name) => ({ name, uid, defaultAccount, adminLevel, accounts: memberships }));
}

function readUserNames(issues: Issues, path: ConfigPath, v: unknown): readonly string[] | undefined {
  const s = readString(issues, path, v);
  if (s === undefined) return undefined;
  if (!s.includes('[')) {
    const name = readName(issues, path, s);
    if (name === 'ALL') {
      issues.error(path, "'ALL' is reserved and cannot be a user name (CraneSched: ERR_INVALID_USERNAME)");
      return undefined;
    }
    return name === undefined ? undefined : [name];
  }
  const r = expandHostlist(s);
  if (!r.ok) {
    issues.error(path, r.message);
    return undefined;
  }
  const bad = r.value.map(nameProblem).find((p) => p !== undefined);
  if (bad !== undefined || r.value.length === 0) {
    issues.error(path, bad ?? `expected at least one user name, got ${JSON.stringify(s)}`);
    return undefined;
  }
  return r.value;
}

function readMemberships(
  issues: Issues,
  path: ConfigPath,
  map: PlainMap,
  defaultAccount: string | undefined,
  accounts: ReadonlyMap<string, AccountConfig>,
  written: ReadonlySet<string>,
): readonly UserAccount[] | undefined {
  const raw = map['Accounts'];
  const entries: readonly unknown[] | undefined = raw === undefined || raw === null ? (defaultAccount === undefined ? undefined : [defaultAccount]) : readList(issues, [...path, 'Accounts'], raw);
  if (entries === undefined) return undefined;
  const explicit = raw !== undefined && raw !== null;
  const out: UserAccount[] = [];
  let ok = true;
  entries.forEach((entry, j) => {
    const p = explicit ? [...path, 'Accounts', j] : [...path, 'DefaultAccount'];
    const m = readMembership(issues, p, entry, accounts, written);
    if (m === undefined) ok = false;
    else if (out.some((o) => o.account === m.account)) {
      issues.error(p, `account '${m.account}' is listed twice`);
      ok = false;
    } else out.push(m);
  });
  if (!ok) return undefined;
  if (defaultAccount !== undefined && !out.some((m) => m.account === defaultAccount)) {
    issues.error([...path, 'DefaultAccount'], `expected one of the user's accounts (${out.map((m) => m.account).join(', ')}), got '${defaultAccount}'`);
    return undefined;
  }
  return out;
}

function readMembership(issues: Issues, path: ConfigPath, v: unknown, accounts: ReadonlyMap<string, AccountConfig>, written: ReadonlySet<string>): UserAccount | undefined {
  const map: PlainMap | undefined = typeof v === 'string' ? { Account: v } : readMap(issues, path, v, { known: MEMBERSHIP_KEYS });
  if (map === undefined) return undefined;
  const inMap = (key: string): ConfigPath => (typeof v === 'string' ? path : [...path, key]);
  const before = issues.count;
  if (!requireKey(issues, path, map, 'Account')) return undefined;
  const name = readName(issues, inMap('Account'), map['Account']);
  if (name === undefined) return undefined;
  const account = accounts.get(name);
  if (account === undefined) {
    if (!written.has(name)) issues.error(inMap('Account'), `account '${name}' is not defined in Accounts`);
    return undefined;
  }
  const partitions = optional(issues, path, map, 'Partitions', readNameList, account.allowedPartitions);
  partitions?.forEach((p, k) => {
    if (!account.allowedPartitions.includes(p)) {
      issues.error([...path, 'Partitions', k], `partition '${p}' is not allowed for account '${name}' (${account.allowedPartitions.join(', ') || 'none'}) (CraneSched: ERR_PARENT_ACCOUNT_PARTITION_MISSING)`);
    }
  });
  const base = readQosChoice(issues, path, map, account, account.allowedQos, account.defaultQos);
  const blocked = optional(issues, path, map, 'Blocked', readBool, false);
  if (issues.count > before || partitions === undefined || base === undefined || blocked === undefined) return undefined;
  const overrides = readPartitionQos(issues, [...path, 'PartitionQos'], map['PartitionQos'], partitions, account, base);
  const limitsRaw = map['PartitionLimits'];
  let partitionLimits: Readonly<Record<string, PartitionLimits>> | undefined = {};
  if (limitsRaw !== undefined && limitsRaw !== null) {
    partitionLimits = isPlainMap(limitsRaw)
      ? readPartitionLimitsMap(issues, [...path, 'PartitionLimits'], limitsRaw, partitions, `this membership in '${name}'`)
      : (issues.error([...path, 'PartitionLimits'], 'expected a map from partition name to limits'), undefined);
  }
  if (overrides === undefined || partitionLimits === undefined) return undefined;
  const associations: Association[] = account.allowedPartitions
    .filter((p) => partitions.includes(p))
    .map((partition) => ({ partition, ...(overrides.get(partition) ?? base) }));
  return { account: name, blocked, associations, partitionLimits };
}

type QosChoice = Omit<Association, 'partition'>;

/**
 * `AllowedQos` and `DefaultQos` of a membership or of one partition in it. The allowed list must stay
 * within the account's; the default must be allowed. Defaults: the enclosing list, and the enclosing
 * default if it is still allowed, else the first allowed QoS.
 */
function readQosChoice(issues: Issues, path: ConfigPath, map: PlainMap, account: AccountConfig, allowedAbove: readonly string[], defaultAbove: string | null): QosChoice | undefined {
  const allowed = optional(issues, path, map, 'AllowedQos', readNameList, allowedAbove);
  const given = optional(issues, path, map, 'DefaultQos', readName, null);
  if (allowed === undefined || given === undefined) return undefined;
  let ok = true;
  allowed.forEach((q, k) => {
    if (!account.allowedQos.includes(q)) {
      issues.error([...path, 'AllowedQos', k], `QoS '${q}' is not allowed for account '${account.name}' (${account.allowedQos.join(', ') || 'none'})`);
      ok = false;
    }
  });
  if (given !== null && !allowed.includes(given)) {
    issues.error([...path, 'DefaultQos'], `expected one of the allowed QoS (${allowed.join(', ') || 'none'}), got '${given}'`);
    ok = false;
  }
  if (!ok) return undefined;
  const defaultQos = given ?? (defaultAbove !== null && allowed.includes(defaultAbove) ? defaultAbove : (allowed[0] ?? null));
  return { defaultQos, allowedQos: allowed };
}

function readPartitionQos(issues: Issues, path: ConfigPath, v: unknown, partitions: readonly string[], account: AccountConfig, base: QosChoice): ReadonlyMap<string, QosChoice> | undefined {
  const out = new Map<string, QosChoice>();
  if (v === undefined || v === null) return out;
  if (!isPlainMap(v)) {
    issues.error(path, 'expected a map from partition name to {DefaultQos, AllowedQos}');
    return undefined;
  }
  let ok = true;
  for (const [partition, entry] of Object.entries(v)) {
    const p = [...path, partition];
    if (!partitions.includes(partition)) {
      issues.error(p, `partition '${partition}' is not one of this membership's partitions (${partitions.join(', ') || 'none'})`);
      ok = false;
      continue;
    }
    const map = readMap(issues, p, entry, { known: ['DefaultQos', 'AllowedQos'] });
    const choice = map === undefined ? undefined : readQosChoice(issues, p, map, account, base.allowedQos, base.defaultQos);
    if (choice === undefined) ok = false;
    else out.set(partition, choice);
  }
  return ok ? out : undefined;
}
