import type { AccountAcl, PartitionLimitsPatch, QosPatch } from '../../core/config/index.js';
import type { Millis } from '../../core/index.js';

/**
 * A timed administrator action in a scenario: a closed union of data, applied by the simulation
 * at time `at` (ms from the workload's origin). Each names CraneSched's command in its comment.
 */
export type AdminEvent =
  | ReservationCreate
  | ReservationDelete
  | NodeStateChange
  | QosModify
  | AccountModify
  | UserModify
  | PartitionModify
  | JobHold
  | JobRelease
  | JobCancel;

export type AdminEventType = AdminEvent['type'];

/** Who may use a reservation: everyone, an allow list, or a deny list (never both kinds). */
export type NameAcl = { readonly kind: 'all' } | { readonly kind: 'allow'; readonly names: readonly string[] } | { readonly kind: 'deny'; readonly names: readonly string[] };

/**
 * `ccontrol create reservation NAME startTime= duration= [partition=] [nodes=] [nodeCnt=]
 * [account=] [user=]`. Whole nodes. With `nodes` the reservation takes exactly those; without,
 * the partition's nodes (all, or the first `nodeCount` that qualify when it is created).
 */
export interface ReservationCreate {
  readonly type: 'reservation-create';
  readonly at: Millis;
  readonly name: string;
  readonly start: Millis;
  readonly end: Millis;
  readonly partition: string | null;
  /** Expanded node names, or null to choose from the partition. */
  readonly nodes: readonly string[] | null;
  readonly nodeCount: number | null;
  readonly accounts: NameAcl;
  readonly users: NameAcl;
}

/** `ccontrol delete reservation NAME` (refused while jobs run inside it). */
export interface ReservationDelete {
  readonly type: 'reservation-delete';
  readonly at: Millis;
  readonly name: string;
}

/**
 * A node goes down (its jobs end Failed with `CranedDown`, batch jobs may be requeued) or comes
 * back up; `ccontrol update nodename=N state=drain reason=... | state=resume`.
 */
export interface NodeStateChange {
  readonly type: 'node-down' | 'node-up' | 'node-drain' | 'node-resume';
  readonly at: Millis;
  readonly nodes: readonly string[];
  readonly reason: string | null;
}

/** `cacctmgr modify qos where Name=Q set ...`. */
export interface QosModify {
  readonly type: 'qos-modify';
  readonly at: Millis;
  readonly qos: string;
  readonly set: QosPatch;
}

/** `cacctmgr block|unblock account` and `cacctmgr modify account ... Partition=P set Max...=`. */
export interface AccountModify {
  readonly type: 'account-modify';
  readonly at: Millis;
  readonly account: string;
  /** null: unchanged. */
  readonly blocked: boolean | null;
  readonly partitionLimits: Readonly<Record<string, PartitionLimitsPatch>>;
}

/** The same for a user within one account (`cacctmgr block|modify user ... Account=A`). */
export interface UserModify {
  readonly type: 'user-modify';
  readonly at: Millis;
  readonly user: string;
  readonly account: string;
  readonly blocked: boolean | null;
  readonly partitionLimits: Readonly<Record<string, PartitionLimitsPatch>>;
}

/** `ccontrol update partitionName=P accounts=... | deniedaccounts=...` (the new ACL replaces the old). */
export interface PartitionModify {
  readonly type: 'partition-modify';
  readonly at: Millis;
  readonly partition: string;
  readonly acl: AccountAcl;
}

/** `ccontrol hold JOB [timelimit=T]`: a pending job is held (released automatically after T). */
export interface JobHold {
  readonly type: 'job-hold';
  readonly at: Millis;
  /** The workload id. */
  readonly job: string;
  readonly releaseAfter: Millis | null;
}

/** `ccontrol release JOB`. */
export interface JobRelease {
  readonly type: 'job-release';
  readonly at: Millis;
  readonly job: string;
}

/** `ccancel JOB`: pending or running. */
export interface JobCancel {
  readonly type: 'job-cancel';
  readonly at: Millis;
  readonly job: string;
}

export const ADMIN_EVENT_TYPES: readonly AdminEventType[] = [
  'reservation-create',
  'reservation-delete',
  'node-down',
  'node-up',
  'node-drain',
  'node-resume',
  'qos-modify',
  'account-modify',
  'user-modify',
  'partition-modify',
  'job-hold',
  'job-release',
  'job-cancel',
];

/** Sorts events by time, keeping file order among equal times (stable). */
export function sortEvents(events: readonly AdminEvent[]): readonly AdminEvent[] {
  return events.map((e, i) => ({ e, i })).sort((a, b) => a.e.at - b.e.at || a.i - b.i).map((x) => x.e);
}
