import type { AccountConfig, Association, UserAccount, UserConfig } from '../config/accounts-types.js';
import type { AccountAcl } from '../config/cluster-types.js';
import type { JobSpec } from '../model/job.js';
import type { RejectCode } from '../model/messages.js';
import { association, isRoot, membership, UNLIMITED_QOS, type AccountsDirectory } from './directory.js';

/** Who submits, under which account and QoS: the outcome of CraneSched's §4.3 steps 1-6. */
export interface Resolution {
  readonly user: UserConfig;
  /** The job's direct account (`-A`, or the user's default). */
  readonly account: string;
  readonly membership: UserAccount;
  /** The account and its ancestors, nearest first. */
  readonly chain: readonly AccountConfig[];
  /** The (user, account, partition) association; undefined only for root, who needs none. */
  readonly association: Association | undefined;
  readonly root: boolean;
  readonly qos: string;
}

export type Resolved = { readonly ok: true; readonly value: Resolution } | { readonly ok: false; readonly code: RejectCode; readonly message: string };

const reject = (code: RejectCode, message: string): Resolved => ({ ok: false, code, message });

/**
 * CraneSched's submission resolution, in its order (`SubmitJobToScheduler`,
 * `CheckIfUserOfAccountIsEnabled`, `CheckIfAccountIsAllowedInPartition`, `CheckQosLimitOnJob`):
 * 1. the user must be in the account database (`ERR_INVALID_USER`);
 * 2. account = `-A` or the user's default; `-A` must be one of the user's accounts
 *    (`ERR_USER_ACCOUNT_MISMATCH`);
 * 3. the user must have the partition under that account, root excepted (`ERR_PARTITION_MISSING`);
 * 4. neither the account nor an ancestor may be blocked (`ERR_BLOCKED_ACCOUNT`, nearest first),
 *    nor the user in that account (`ERR_BLOCKED_USER`);
 * 5. the partition's ACL must admit the direct account (`ERR_NOT_IN_ALLOWED_LIST`,
 *    `ERR_IN_DENIED_LIST`);
 * 6. QoS = `-q`, which must be in the association's allowed list
 *    (`ERR_HAS_ALLOWED_QOS_IN_PARTITION`), or the association's default (none:
 *    `ERR_HAS_NO_QOS_IN_PARTITION`). Root's `-q` is taken as given; without one root gets `UNLIMITED`.
 * `''` in `spec.account` and `spec.qos` means "not given".
 */
export function resolveSubmission(dir: AccountsDirectory, spec: JobSpec, partition: string, acl: AccountAcl): Resolved {
  const id = spec.externalId;
  const user = dir.user(spec.user);
  if (user === undefined) return reject('ERR_INVALID_USER', `job ${id}: user '${spec.user}' is not in the account database`);
  const account = spec.account === '' ? user.defaultAccount : spec.account;
  const m = membership(user, account);
  if (m === undefined) {
    return reject('ERR_USER_ACCOUNT_MISMATCH', `job ${id}: account '${account}' is not one of user '${user.name}''s accounts (${user.accounts.map((a) => a.account).join(', ')})`);
  }
  const root = isRoot(user);
  const assoc = association(m, partition);
  if (assoc === undefined && !root) {
    const parts = m.associations.map((a) => a.partition).join(', ') || 'none';
    return reject('ERR_PARTITION_MISSING', `job ${id}: user '${user.name}' may not use partition ${partition} under account '${account}' (partitions there: ${parts})`);
  }
  const chain = dir.chain(account);
  for (const a of chain) {
    if (a.blocked) return reject('ERR_BLOCKED_ACCOUNT', `job ${id}: account '${a.name}'${a.name === account ? '' : ` (an ancestor of '${account}')`} is blocked`);
  }
  if (m.blocked) return reject('ERR_BLOCKED_USER', `job ${id}: user '${user.name}' is blocked in account '${account}'`);
  if (acl.kind === 'allow' && !acl.accounts.includes(account)) {
    return reject('ERR_NOT_IN_ALLOWED_LIST', `job ${id}: account '${account}' is not in the AllowedAccounts of partition ${partition} (${acl.accounts.join(', ')})`);
  }
  if (acl.kind === 'deny' && acl.accounts.includes(account)) {
    return reject('ERR_IN_DENIED_LIST', `job ${id}: account '${account}' is in the DeniedAccounts of partition ${partition}`);
  }
  let qos = spec.qos;
  if (root) {
    if (qos === '') qos = UNLIMITED_QOS;
  } else if (qos === '') {
    if (assoc!.defaultQos === null) return reject('ERR_HAS_NO_QOS_IN_PARTITION', `job ${id}: user '${user.name}' has no QoS in partition ${partition} under account '${account}'`);
    qos = assoc!.defaultQos;
  } else if (!assoc!.allowedQos.includes(qos)) {
    return reject(
      'ERR_HAS_ALLOWED_QOS_IN_PARTITION',
      `job ${id}: QoS '${qos}' is not allowed for user '${user.name}' in partition ${partition} under account '${account}' (allowed: ${assoc!.allowedQos.join(', ') || 'none'})`,
    );
  }
  return { ok: true, value: { user, account, membership: m, chain, association: assoc, root, qos } };
}

/**
 * The names CraneSched would fill in for a job that leaves some out, as far as they can be known
 * without checking anything: the user's default account, the given or default partition, the
 * association's default QoS (root: `UNLIMITED`). What cannot be resolved stays as given (`''`).
 * For output and for fair share by account; the admission check resolves again, in order.
 */
export function defaultNames(dir: AccountsDirectory, spec: Pick<JobSpec, 'user' | 'account' | 'partition' | 'qos'>, defaultPartition: string | null): { readonly account: string; readonly partition: string; readonly qos: string } {
  const partition = spec.partition === '' ? (defaultPartition ?? '') : spec.partition;
  const user = dir.user(spec.user);
  const account = spec.account === '' ? (user?.defaultAccount ?? '') : spec.account;
  let qos = spec.qos;
  if (qos === '' && user !== undefined) {
    if (isRoot(user)) qos = UNLIMITED_QOS;
    else {
      const m = membership(user, account);
      qos = (m === undefined ? undefined : association(m, partition)?.defaultQos) ?? '';
    }
  }
  return { account, partition, qos };
}
