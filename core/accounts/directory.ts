import type { AccountConfig, AccountsConfig, Association, UserAccount, UserConfig } from '../config/accounts-types.js';
import type { QosConfig } from '../config/qos.js';
import type { Millis } from '../model/time.js';

/** CraneSched's built-in QoS (`kUnlimitedQosName`): no limits, priority 0, given to root's jobs without `-q`. */
export const UNLIMITED_QOS = 'UNLIMITED';

/** The shortest time limit CraneSched accepts (`kJobMinTimeLimitSec` = 11 s). */
export const MIN_TIME_LIMIT: Millis = 11_000;

/**
 * The longest time limit (`kJobMaxTimeLimitSec`, protobuf's largest Duration: 315,576,000,000 s).
 * A job without `-t` in a QoS without `MaxTimeLimitPerJob` gets it.
 */
export const MAX_TIME_LIMIT: Millis = 315_576_000_000 * 1000;

const BUILT_IN_UNLIMITED: QosConfig = {
  name: UNLIMITED_QOS,
  description: 'Crane default qos for unlimited resource',
  priority: 0,
  limits: {},
  denyOnLimit: false,
  preempt: [],
  preemptMode: 'OFF',
};

/**
 * The accounts file indexed for admission: users, accounts and QoS by name, and each account's
 * chain (itself, then its ancestors, nearest first). Lookups are O(1). `config` is the file as
 * loaded; timed `cacctmgr` changes replace entries (`replace*`), never the tree's shape.
 */
export class AccountsDirectory {
  private readonly users = new Map<string, UserConfig>();
  private readonly accounts = new Map<string, AccountConfig>();
  private readonly qosByName = new Map<string, QosConfig>();
  private readonly chains = new Map<string, readonly AccountConfig[]>();

  constructor(readonly config: AccountsConfig) {
    for (const u of config.users) this.users.set(u.name, u);
    for (const a of config.accounts) this.accounts.set(a.name, a);
    this.qosByName.set(UNLIMITED_QOS, BUILT_IN_UNLIMITED);
    for (const q of config.qos) this.qosByName.set(q.name, q);
  }

  user(name: string): UserConfig | undefined {
    return this.users.get(name);
  }

  account(name: string): AccountConfig | undefined {
    return this.accounts.get(name);
  }

  /** A QoS by name; `UNLIMITED` is built in unless the file defines its own. */
  qos(name: string): QosConfig | undefined {
    return this.qosByName.get(name);
  }

  /** The QoS's `Priority` for the multifactor order; 0 for an unknown name. */
  qosPriority(name: string): number {
    return this.qosByName.get(name)?.priority ?? 0;
  }

  /** Replaces a QoS's definition (a `cacctmgr modify qos`, already validated). */
  replaceQos(q: QosConfig): void {
    this.qosByName.set(q.name, q);
  }

  /** Replaces an account's definition (same name, same parent); the chains are rebuilt on demand. */
  replaceAccount(a: AccountConfig): void {
    this.accounts.set(a.name, a);
    this.chains.clear();
  }

  /** Replaces a user's definition (same name). */
  replaceUser(u: UserConfig): void {
    this.users.set(u.name, u);
  }

  /** Every QoS, the built-in `UNLIMITED` included. */
  allQos(): readonly QosConfig[] {
    return [...this.qosByName.values()];
  }

  /** The account and its ancestors, nearest first (CraneSched's `account_chain`). */
  chain(account: string): readonly AccountConfig[] {
    let c = this.chains.get(account);
    if (c === undefined) {
      const out: AccountConfig[] = [];
      let cur = this.accounts.get(account);
      while (cur !== undefined && !out.includes(cur)) {
        out.push(cur);
        cur = cur.parent === null ? undefined : this.accounts.get(cur.parent);
      }
      c = out;
      this.chains.set(account, c);
    }
    return c;
  }
}

/**
 * Root is the user with uid 0, as CraneSched decides it (`job->uid == 0`, not the admin level);
 * a user named `root` without a `Uid` counts as root too.
 */
export const isRoot = (user: UserConfig): boolean => user.uid === 0 || (user.uid === null && user.name === 'root');

// (Loops, not `find` with an arrow: the arrow would be made, with a context, on every submission.)
export function membership(user: UserConfig, account: string): UserAccount | undefined {
  for (const m of user.accounts) if (m.account === account) return m;
  return undefined;
}

export function association(m: UserAccount, partition: string): Association | undefined {
  for (const a of m.associations) if (a.partition === partition) return a;
  return undefined;
}
