import type { AccountConfig } from '../config/accounts-types.js';
import type { PartitionLimits } from '../config/limits.js';
import type { QosConfig } from '../config/qos.js';
import type { LimitReason } from '../model/job.js';
import type { Millis } from '../model/time.js';
import type { JobMetas, Meta } from './meta.js';
import { tresUnlimited, type JobTres, type TresDimension, type TresMeter } from './tres.js';

/** What the run-limit check of one job looks at. */
export interface RunInput {
  readonly qos: QosConfig;
  /** The user's partition limits under the job's account, if any. */
  readonly userLimits: PartitionLimits | undefined;
  /** The job's account chain (nearest first) and each account's partition limits. */
  readonly chain: readonly AccountConfig[];
  readonly accountLimits: ReadonlyArray<PartitionLimits | undefined>;
  readonly tres: JobTres;
  /** The job's time limit (ms): it adds this much to the wall-time sums. */
  readonly limit: Millis;
  readonly metas: JobMetas;
  readonly meter: TresMeter;
}

const QOS_TRES: Readonly<Record<TresDimension, LimitReason>> = { Cpu: 'QosCpuResourceLimit', Mem: 'QosMemResourceLimit', Gres: 'QosGresResourceLimit' };
const PARTITION_TRES: Readonly<Record<TresDimension, LimitReason>> = { Cpu: 'PartitionCpuResourceLimit', Mem: 'PartitionMemResourceLimit', Gres: 'PartitionGresResourceLimit' };

/**
 * CraneSched's scheduling-time limits (`CheckRunLimits_`), for a job about to start: the first
 * limit that the running jobs plus this one would break, as the pending reason, or null. Checked
 * in CraneSched's order over the user, then each account of the chain (nearest first), then the
 * QoS over everyone. For the user and for each account, the QoS dimension comes first
 * (`MaxCpusPerUser` for the user, running jobs, `MaxWall` as the sum of running time limits,
 * `MaxTresPerUser`/`MaxTresPerAccount`), then the partition limits as a peer dimension, each
 * skipped where the QoS already limits it: `MaxJobs` unless the QoS caps running jobs per
 * user/account, `MaxWall` unless the QoS has a `MaxWall`, `MaxTres` unless the QoS's per-user/
 * per-account TRES limit is set at all.
 */
export function checkRunLimits(x: RunInput): LimitReason | null {
  const { qos, metas, meter, tres, limit } = x;
  const L = qos.limits;

  const u = metas.userQos;
  if (L.maxCpusPerUser !== undefined && u.res[0]! + tres.vec[0]! > L.maxCpusPerUser) return 'QosCpuResourceLimit';
  if (L.maxJobsPerUser !== undefined && u.jobs + 1 > L.maxJobsPerUser) return 'QosJobsResourceLimit';
  if (wallOver(L.maxWall, u, limit)) return 'QosWallTimeLimit';
  const ut = meter.exceeds(L.maxTresPerUser, tres, u.res);
  if (ut !== null) return QOS_TRES[ut];
  if (x.userLimits !== undefined) {
    const r = partitionLimits(x, x.userLimits, metas.userPartition, L.maxJobsPerUser, tresUnlimited(L.maxTresPerUser));
    if (r !== null) return r === 'jobs' ? 'UserPartitionJobsLimit' : r === 'wall' ? 'UserPartitionWallTimeLimit' : PARTITION_TRES[r];
  }

  for (let i = 0; i < x.chain.length; i++) {
    const a = metas.accountQos[i]!;
    if (L.maxJobsPerAccount !== undefined && a.jobs + 1 > L.maxJobsPerAccount) return 'QosJobsResourceLimit';
    if (wallOver(L.maxWall, a, limit)) return 'QosWallTimeLimit';
    const at = meter.exceeds(L.maxTresPerAccount, tres, a.res);
    if (at !== null) return QOS_TRES[at];
    const limits = x.accountLimits[i];
    if (limits !== undefined) {
      const r = partitionLimits(x, limits, metas.accountPartition[i]!, L.maxJobsPerAccount, tresUnlimited(L.maxTresPerAccount));
      if (r !== null) return r === 'jobs' ? 'AccPartitionJobsLimit' : r === 'wall' ? 'AccPartitionWallTimeLimit' : PARTITION_TRES[r];
    }
  }

  const g = metas.qos;
  if (L.maxJobs !== undefined && g.jobs + 1 > L.maxJobs) return 'QosJobsResourceLimit';
  if (wallOver(L.maxWall, g, limit)) return 'QosWallTimeLimit';
  const gt = meter.exceeds(L.maxTres, tres, g.res);
  return gt === null ? null : QOS_TRES[gt];
}

/**
 * Whether the running time limits of a counter plus this job's are over the QoS's `MaxWall`.
 * (A function, not an arrow made per call: this runs for every job about to start.)
 */
function wallOver(maxWall: Millis | undefined, m: Meta, limit: Millis): boolean {
  return maxWall !== undefined && m.wall + limit > maxWall;
}

/** One partition limit (`cacctmgr ... Partition=P set MaxJobs= MaxWall= MaxTres=`) against its counter. */
function partitionLimits(x: RunInput, limits: PartitionLimits, m: Meta, qosMaxJobs: number | undefined, qosTresUnlimited: boolean): 'jobs' | 'wall' | TresDimension | null {
  if (qosMaxJobs === undefined && limits.maxJobs !== undefined && m.jobs + 1 > limits.maxJobs) return 'jobs';
  if (x.qos.limits.maxWall === undefined && limits.maxWall !== undefined && m.wall + x.limit > limits.maxWall) return 'wall';
  return qosTresUnlimited ? x.meter.exceeds(limits.maxTres, x.tres, m.res) : null;
}
