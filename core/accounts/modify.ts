import { applyLimitsPatch, type PartitionLimits, type PartitionLimitsPatch } from '../config/limits.js';
import { applyQosPatch, findPreemptCycle } from '../config/qos.js';
import { assertNever } from '../model/assert.js';
import type { AccountsCommand, AdminResult, RejectCode } from '../model/messages.js';
import { type AccountsDirectory, membership } from './directory.js';

const fail = (code: RejectCode, message: string): AdminResult => ({ ok: false, code, message });
const OK: AdminResult = { ok: true };

/**
 * Carries out one `cacctmgr` change on the directory, or says why not (nothing is changed then):
 * - `ModifyQos`: the QoS exists (`ERR_INVALID_QOS`); `Preempt` names existing QoS other than
 *   itself and keeps the preempt graph acyclic; a priority is a whole number >= 0
 *   (`ERR_INVALID_PARAM`);
 * - `ModifyAccount`: the account exists (`ERR_INVALID_ACCOUNT`), limits only on its allowed
 *   partitions (`ERR_PARTITION_MISSING`);
 * - `ModifyUser`: the user exists (`ERR_INVALID_USER`) and belongs to the account
 *   (`ERR_USER_ACCOUNT_MISMATCH`), limits only on partitions of that membership
 *   (`ERR_PARTITION_MISSING`).
 * A command that changes nothing is `ERR_INVALID_PARAM`.
 */
export function applyAccountsCommand(dir: AccountsDirectory, c: AccountsCommand): AdminResult {
  switch (c.type) {
    case 'ModifyQos': {
      const q = dir.qos(c.qos);
      if (q === undefined) return fail('ERR_INVALID_QOS', `QoS '${c.qos}' does not exist`);
      const p = c.set.priority;
      if (p !== undefined && !(Number.isInteger(p) && p >= 0)) return fail('ERR_INVALID_PARAM', `QoS '${c.qos}': priority ${p} is not a whole number >= 0`);
      for (const target of c.set.preempt ?? []) {
        if (target === c.qos) return fail('ERR_INVALID_PARAM', `QoS '${c.qos}' cannot preempt itself`);
        if (dir.qos(target) === undefined) return fail('ERR_INVALID_QOS', `QoS '${c.qos}': preempt target '${target}' does not exist`);
      }
      const next = applyQosPatch(q, c.set);
      const cycle = findPreemptCycle(dir.allQos().map((x) => (x.name === next.name ? next : x)));
      if (cycle !== undefined) return fail('ERR_INVALID_PARAM', `QoS '${c.qos}': the preempt lists would form a cycle (${cycle.join(' -> ')})`);
      dir.replaceQos(next);
      return OK;
    }
    case 'ModifyAccount': {
      const a = dir.account(c.account);
      if (a === undefined) return fail('ERR_INVALID_ACCOUNT', `account '${c.account}' does not exist`);
      const limits = patchLimits(a.partitionLimits, c.partitionLimits, a.allowedPartitions, `account '${c.account}'`);
      if (!limits.ok) return limits.result;
      if (c.blocked === undefined && limits.value === a.partitionLimits) return fail('ERR_INVALID_PARAM', `account '${c.account}': the command changes nothing`);
      dir.replaceAccount({ ...a, blocked: c.blocked ?? a.blocked, partitionLimits: limits.value });
      return OK;
    }
    case 'ModifyUser': {
      const u = dir.user(c.user);
      if (u === undefined) return fail('ERR_INVALID_USER', `user '${c.user}' does not exist`);
      const m = membership(u, c.account);
      if (m === undefined) return fail('ERR_USER_ACCOUNT_MISMATCH', `user '${c.user}' does not belong to account '${c.account}'`);
      const limits = patchLimits(m.partitionLimits, c.partitionLimits, m.associations.map((x) => x.partition), `user '${c.user}' in account '${c.account}'`);
      if (!limits.ok) return limits.result;
      if (c.blocked === undefined && limits.value === m.partitionLimits) return fail('ERR_INVALID_PARAM', `user '${c.user}' in account '${c.account}': the command changes nothing`);
      const next = { ...m, blocked: c.blocked ?? m.blocked, partitionLimits: limits.value };
      dir.replaceUser({ ...u, accounts: u.accounts.map((x) => (x === m ? next : x)) });
      return OK;
    }
    default:
      return assertNever(c, 'accounts command');
  }
}

type Patched = { readonly ok: true; readonly value: Readonly<Record<string, PartitionLimits>> } | { readonly ok: false; readonly result: AdminResult };

/** The limits with each partition's patch applied (the same object when there is no patch). */
function patchLimits(
  base: Readonly<Record<string, PartitionLimits>>,
  patches: Readonly<Record<string, PartitionLimitsPatch>> | undefined,
  partitions: readonly string[],
  owner: string,
): Patched {
  if (patches === undefined || Object.keys(patches).length === 0) return { ok: true, value: base };
  const out: Record<string, PartitionLimits> = { ...base };
  for (const [partition, patch] of Object.entries(patches)) {
    if (!partitions.includes(partition)) return { ok: false, result: fail('ERR_PARTITION_MISSING', `${owner}: partition '${partition}' is not one of its partitions (${partitions.join(', ') || 'none'})`) };
    out[partition] = applyLimitsPatch(base[partition] ?? {}, patch);
  }
  return { ok: true, value: out };
}
