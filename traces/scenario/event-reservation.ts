import { formatHostlist, parseDuration, readInt, readName, reader, requireKey, type ConfigPath, type Issues, type PlainMap } from '../../core/config/index.js';
import type { Millis } from '../../core/index.js';
import { checkKnown, readKnownNames, readNodes, type EventContext } from './event-context.js';
import type { AdminEvent, NameAcl, ReservationCreate } from './events.js';

export const RESERVATION_KEYS = ['name', 'start', 'duration', 'end', 'partition', 'nodes', 'nodeCount', 'allowedAccounts', 'deniedAccounts', 'allowedUsers', 'deniedUsers'];

const duration = reader(parseDuration);

/**
 * The fields of a `reservation-create` event, checked as CraneSched's `CreateResv_` checks what it
 * can know in advance: a start (default: the event time) and a duration or an end, the end after
 * the event; nodes defined (and in the partition, when one is given); without a partition, nodes
 * are required; accounts and users exist; allow and deny lists are not mixed.
 */
export function readReservationCreate(issues: Issues, path: ConfigPath, map: PlainMap, at: Millis, ctx: EventContext): ReservationCreate | undefined {
  const before = issues.count;
  const p = (k: string): ConfigPath => [...path, k];
  const name = requireKey(issues, path, map, 'name') ? readName(issues, p('name'), map['name']) : undefined;
  const start = map['start'] === undefined ? at : duration(issues, p('start'), map['start']);
  let end: Millis | undefined;
  if ((map['duration'] === undefined) === (map['end'] === undefined)) {
    issues.error(path, map['duration'] === undefined ? 'missing: duration or end' : 'give duration or end, not both');
  } else if (map['duration'] !== undefined) {
    const d = duration(issues, p('duration'), map['duration']);
    if (d === 0) issues.error(p('duration'), 'expected a positive duration, got 0');
    else if (d !== undefined && start !== undefined) end = start + d;
  } else {
    end = duration(issues, p('end'), map['end']);
    if (end !== undefined && start !== undefined && end <= start) issues.error(p('end'), `expected an end after the start (${start / 1000} s), got ${end / 1000} s`);
  }
  if (end !== undefined && end <= at) issues.error(map['end'] === undefined ? p('duration') : p('end'), `the reservation would end at ${end / 1000} s, not after the event time ${at / 1000} s (CraneSched requires an end in the future)`);
  const partitionNames = ctx.cluster.partitions.map((x) => x.name);
  const partition = map['partition'] === undefined ? null : checkKnown(issues, p('partition'), readName(issues, p('partition'), map['partition']), partitionNames, 'partition', 'the cluster file');
  const nodes = map['nodes'] === undefined ? null : readNodes(issues, p('nodes'), map['nodes'], ctx);
  const nodeCount = map['nodeCount'] === undefined ? null : readInt(issues, p('nodeCount'), map['nodeCount'], { min: 1 });
  if (partition === null && map['partition'] === undefined && map['nodes'] === undefined) issues.error(p('nodes'), 'missing: without a partition, nodes are required (as in CraneSched)');
  if (map['nodes'] !== undefined && map['nodeCount'] !== undefined) issues.error(p('nodeCount'), 'give nodes or nodeCount, not both');
  if (partition !== undefined && partition !== null) {
    const members = ctx.cluster.partitions.find((x) => x.name === partition)!.nodes;
    const outside = (nodes ?? []).filter((n) => !members.includes(n));
    if (outside.length > 0) issues.error(p('nodes'), `${formatHostlist(outside)} ${outside.length === 1 ? 'is' : 'are'} not in partition '${partition}'`);
    if (nodeCount !== undefined && nodeCount !== null && nodeCount > members.length) issues.error(p('nodeCount'), `expected at most the partition's ${members.length} nodes, got ${nodeCount}`);
  }
  const accounts = readAcl(issues, path, map, 'Accounts', ctx.accounts.accounts.map((a) => a.name), 'account');
  const users = readAcl(issues, path, map, 'Users', ctx.accounts.users.map((u) => u.name), 'user');
  if (issues.count > before) return undefined;
  return { type: 'reservation-create', at, name: name!, start: start!, end: end!, partition: partition ?? null, nodes: nodes ?? null, nodeCount: nodeCount ?? null, accounts: accounts!, users: users! };
}

function readAcl(issues: Issues, path: ConfigPath, map: PlainMap, what: 'Accounts' | 'Users', known: readonly string[], noun: string): NameAcl | undefined {
  const allowKey = `allowed${what}`;
  const denyKey = `denied${what}`;
  if (map[allowKey] !== undefined && map[denyKey] !== undefined) {
    issues.error([...path, denyKey], `${allowKey} and ${denyKey} cannot be mixed (as in CraneSched)`);
    return undefined;
  }
  if (map[allowKey] !== undefined) {
    const names = readKnownNames(issues, [...path, allowKey], map[allowKey], known, noun);
    return names === undefined ? undefined : { kind: 'allow', names };
  }
  if (map[denyKey] !== undefined) {
    const names = readKnownNames(issues, [...path, denyKey], map[denyKey], known, noun);
    return names === undefined ? undefined : { kind: 'deny', names };
  }
  return { kind: 'all' };
}

/**
 * Checks reservations over time (events sorted by time, with their positions in the file): a name
 * is created only when no reservation of that name is active, deleted only while one is, and
 * explicit node lists never overlap another reservation's nodes in time (CraneSched refuses such a
 * reservation). A reservation ends on its own at its end time.
 */
export function checkReservationTimeline(issues: Issues, path: ConfigPath, sorted: readonly { readonly event: AdminEvent; readonly index: number }[]): void {
  const active = new Map<string, { readonly event: ReservationCreate; readonly index: number; deletedAt: number }>();
  const all: { readonly event: ReservationCreate; readonly index: number; deletedAt: number }[] = [];
  for (const { event, index } of sorted) {
    if (event.type === 'reservation-create') {
      const prev = active.get(event.name);
      if (prev !== undefined && prev.deletedAt > event.at && prev.event.end > event.at) {
        issues.error([...path, index, 'name'], `reservation '${event.name}' already exists at ${event.at / 1000} s (created by events[${prev.index}])`);
        continue;
      }
      if (event.nodes !== null) {
        for (const other of all) {
          const o = other.event;
          const otherEnd = Math.min(o.end, other.deletedAt);
          if (o.nodes === null || otherEnd <= event.start || event.end <= o.start) continue;
          const shared = event.nodes.filter((n) => o.nodes!.includes(n));
          if (shared.length > 0) issues.error([...path, index, 'nodes'], `overlaps reservation '${o.name}' (events[${other.index}]) on ${formatHostlist(shared)}; CraneSched refuses overlapping reservations`);
        }
      }
      const entry = { event, index, deletedAt: Number.POSITIVE_INFINITY };
      active.set(event.name, entry);
      all.push(entry);
    } else if (event.type === 'reservation-delete') {
      const r = active.get(event.name);
      if (r === undefined || r.deletedAt <= event.at || r.event.end <= event.at) {
        issues.error([...path, index, 'name'], `no reservation '${event.name}' exists at ${event.at / 1000} s`);
        continue;
      }
      r.deletedAt = event.at;
    }
  }
}
