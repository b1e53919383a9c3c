import type { PartitionLimits } from './limits.js';
import type { QosConfig } from './qos.js';

/**
 * The validated accounts file, modelled on CraneSched's account database as `cacctmgr` builds it.
 * Inheritance is resolved: every account has its own partition and QoS lists, and every user
 * membership has one association per partition with its default and allowed QoS.
 */
export interface AccountsConfig {
  /** `Qos`, in the order written. */
  readonly qos: readonly QosConfig[];
  /** `Accounts`, in the order written (parents may come after their children). */
  readonly accounts: readonly AccountConfig[];
  /** `Users`, hostlist-style names expanded, in the order written. */
  readonly users: readonly UserConfig[];
}

export interface AccountConfig {
  readonly name: string;
  readonly description: string;
  /** `Parent`, or null for a top-level account. */
  readonly parent: string | null;
  /** Child accounts, in file order (derived). */
  readonly children: readonly string[];
  /** `AllowedPartitions` (default: the parent's). A subset of the parent's. */
  readonly allowedPartitions: readonly string[];
  /** `AllowedQos` (default: the parent's). A subset of the parent's. */
  readonly allowedQos: readonly string[];
  /** `DefaultQos` (default: the first allowed QoS), or null when the account allows none. */
  readonly defaultQos: string | null;
  /** `Blocked` (default false): jobs of this account and of every descendant are rejected. */
  readonly blocked: boolean;
  /** `PartitionLimits`: per allowed partition. */
  readonly partitionLimits: Readonly<Record<string, PartitionLimits>>;
}

export type AdminLevel = 'None' | 'Operator' | 'Admin' | 'Root';

export interface UserConfig {
  readonly name: string;
  /** `Uid`, or null (the simulator does not need one). */
  readonly uid: number | null;
  /** `DefaultAccount`: used when a job names none; always one of `accounts`. */
  readonly defaultAccount: string;
  /** `AdminLevel` (default None). */
  readonly adminLevel: AdminLevel;
  /** The accounts the user belongs to (CraneSched `account_to_attrs_map`), in file order. */
  readonly accounts: readonly UserAccount[];
}

/** A user's membership in one account. */
export interface UserAccount {
  readonly account: string;
  /** `Blocked` (default false): the user's jobs under this account are rejected. */
  readonly blocked: boolean;
  /** One association per partition the user may use under this account, in the account's order. */
  readonly associations: readonly Association[];
  /** `PartitionLimits`: per partition of this membership. */
  readonly partitionLimits: Readonly<Record<string, PartitionLimits>>;
}

/** The (user, account, partition) association: which QoS a job may use and which it gets by default. */
export interface Association {
  readonly partition: string;
  /** The QoS a job gets without `-q`; null means such a job is rejected (`ERR_HAS_NO_QOS_IN_PARTITION`). */
  readonly defaultQos: string | null;
  readonly allowedQos: readonly string[];
}
