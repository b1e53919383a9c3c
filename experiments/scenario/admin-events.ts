import { assertNever, type AdminCommand } from '../../core/index.js';
import type { TimedAdminCommand } from '../../runtime-sim/index.js';
import type { AdminEvent, AdminEventType, NameAcl, ReservationCreate } from '../../traces/scenario/index.js';

/** Scenario event kinds the core cannot carry out yet. */
export const UNSUPPORTED_EVENTS: readonly AdminEventType[] = [];

/** Reservation events: only the CraneSched planner carries them out. */
export const RESERVATION_EVENTS: readonly AdminEventType[] = ['reservation-create', 'reservation-delete'];

export interface MappedEvents {
  readonly commands: readonly TimedAdminCommand[];
  /** Events the core does not support yet, in time order, with their index in that order. */
  readonly unsupported: readonly AdminEvent[];
}

/**
 * Scenario admin events as the simulator's timed commands (jobs named by workload id):
 * `node-down|up|drain|resume` become one `SetNodeState` per node; `job-hold` a `HoldJob`, and
 * with `releaseAfter` a `ReleaseJob` that much later (`ccontrol hold JOB timelimit=`);
 * `job-release` and `job-cancel` their commands; `reservation-create|delete` `CreateReservation` /
 * `DeleteReservation` (or unsupported when `reservations` is false: whole-node planners);
 * `qos-modify`, `account-modify`, `user-modify` `ModifyQos`, `ModifyAccount`, `ModifyUser` (the
 * accounts policy carries them out); `partition-modify` `ModifyPartition` (the partition's ACL).
 */
export function mapAdminEvents(events: readonly AdminEvent[], reservations = true): MappedEvents {
  const commands: TimedAdminCommand[] = [];
  const unsupported: AdminEvent[] = [];
  for (const e of events) {
    switch (e.type) {
      case 'node-down':
      case 'node-up':
      case 'node-drain':
      case 'node-resume': {
        const state = NODE_STATE[e.type];
        for (const node of e.nodes) commands.push({ time: e.at, command: { type: 'SetNodeState', node, state } });
        break;
      }
      case 'job-hold':
        commands.push({ time: e.at, command: { type: 'HoldJob', job: e.job } });
        if (e.releaseAfter !== null) commands.push({ time: e.at + e.releaseAfter, command: { type: 'ReleaseJob', job: e.job } });
        break;
      case 'job-release':
        commands.push({ time: e.at, command: { type: 'ReleaseJob', job: e.job } });
        break;
      case 'job-cancel':
        commands.push({ time: e.at, command: { type: 'CancelJob', job: e.job } });
        break;
      case 'reservation-create':
        if (reservations) commands.push({ time: e.at, command: createReservation(e) });
        else unsupported.push(e);
        break;
      case 'reservation-delete':
        if (reservations) commands.push({ time: e.at, command: { type: 'DeleteReservation', name: e.name } });
        else unsupported.push(e);
        break;
      case 'qos-modify':
        commands.push({ time: e.at, command: { type: 'ModifyQos', qos: e.qos, set: e.set } });
        break;
      case 'account-modify':
        commands.push({ time: e.at, command: { type: 'ModifyAccount', account: e.account, ...(e.blocked === null ? {} : { blocked: e.blocked }), partitionLimits: e.partitionLimits } });
        break;
      case 'user-modify':
        commands.push({
          time: e.at,
          command: { type: 'ModifyUser', user: e.user, account: e.account, ...(e.blocked === null ? {} : { blocked: e.blocked }), partitionLimits: e.partitionLimits },
        });
        break;
      case 'partition-modify':
        commands.push({ time: e.at, command: { type: 'ModifyPartition', partition: e.partition, acl: e.acl } });
        break;
      default:
        assertNever(e, 'admin event');
    }
  }
  // The simulator applies commands of one instant in the order given: keep time order (a
  // delayed release may fall between later events).
  const ordered = commands.map((c, i) => ({ c, i })).sort((a, b) => a.c.time - b.c.time || a.i - b.i).map((x) => x.c);
  return { commands: ordered, unsupported };
}

const NODE_STATE = { 'node-down': 'down', 'node-up': 'up', 'node-drain': 'drain', 'node-resume': 'resume' } as const;

/** `ccontrol create reservation` as the core's command: node names, or the partition's nodes (all, or `nodeCount`). */
function createReservation(e: ReservationCreate): Extract<AdminCommand, { type: 'CreateReservation' }> {
  const list = (acl: NameAcl, allow: 'allowedAccounts' | 'allowedUsers', deny: 'deniedAccounts' | 'deniedUsers') =>
    acl.kind === 'all' ? {} : acl.kind === 'allow' ? { [allow]: acl.names } : { [deny]: acl.names };
  return {
    type: 'CreateReservation',
    name: e.name,
    start: e.start,
    end: e.end,
    nodes: e.nodes ?? [],
    ...(e.partition === null ? {} : { partition: e.partition }),
    ...(e.nodeCount === null ? {} : { nodeCount: e.nodeCount }),
    ...list(e.accounts, 'allowedAccounts', 'deniedAccounts'),
    ...list(e.users, 'allowedUsers', 'deniedUsers'),
  };
}
