import type { PartitionLimits } from '../config/limits.js';
import type { QosConfig } from '../config/qos.js';
import type { Tres } from '../config/tres.js';
import type { RejectCode } from '../model/messages.js';
import type { Millis } from '../model/time.js';
import { MAX_TIME_LIMIT, MIN_TIME_LIMIT } from './directory.js';
import type { JobMetas } from './meta.js';
import type { Resolution } from './resolve.js';
import { formatTresLimit, type JobTres, type TresMeter } from './tres.js';

export interface SubmitRejection {
  readonly ok: false;
  readonly code: RejectCode;
  readonly message: string;
}

export type SubmitCheck = { readonly ok: true; readonly timeLimit: Millis } | SubmitRejection;

/** What the submit-time limit checks look at. */
export interface SubmitInput {
  readonly id: string;
  readonly who: Resolution;
  readonly qos: QosConfig;
  readonly partition: string;
  /** The whole job's request; undefined when it names a GRES no node has (validity rejects it later). */
  readonly tres: JobTres | undefined;
  /** `-t`, or undefined. */
  readonly timeLimit: Millis | undefined;
  readonly metas: JobMetas;
  readonly meter: TresMeter;
}

const fail = (code: RejectCode, message: string): SubmitRejection => ({ ok: false, code, message });
const s = (ms: Millis): string => `${ms / 1000} s`;
/** `QoS 'name'`, for messages (made only when one is). */
const qosName = (qos: QosConfig): string => `QoS '${qos.name}'`;

/**
 * The time limit's validity (`CheckJobValidity`): `-t` within [11 s, max], else
 * `ERR_TIME_TIMIT_BEYOND`. CraneSched checks it before looking the QoS up.
 */
export function checkTimeValidity(id: string, timeLimit: Millis | undefined): SubmitRejection | null {
  if (timeLimit === undefined || (timeLimit >= MIN_TIME_LIMIT && timeLimit <= MAX_TIME_LIMIT)) return null;
  return fail('ERR_TIME_TIMIT_BEYOND', `job ${id}: time limit ${s(timeLimit)} is outside CraneSched's range [${s(MIN_TIME_LIMIT)}, ${s(MAX_TIME_LIMIT)}]`);
}

/**
 * CraneSched's submit-time limits, in its order (after `checkTimeValidity` and the QoS lookup):
 * - the QoS's per-job checks (`TryMallocMetaSubmitResource`): a zero submit limit, the job's CPUs
 *   over `MaxCpusPerUser`, its TRES over any TRES limit, its time limit over `MaxTimeLimitPerJob`
 *   (no `-t`: that maximum is the limit);
 * - then `CheckSubmitLimits_` for the user, each account of the chain (nearest first) and the QoS:
 *   partition limits per job (`MaxTresPerJob`; `MaxWallPerJob` unless the QoS caps the time;
 *   `MaxSubmitJobs` unless the QoS caps submissions), the QoS submit counts, and with `DenyOnLimit`
 *   the running counts and TRES in use.
 * Returns the time limit in force.
 */
export function checkSubmitLimits(x: SubmitInput): SubmitCheck {
  const { id, qos, tres, meter, metas, who, partition } = x;
  const L = qos.limits;
  if (L.maxSubmitJobsPerUser !== undefined && 1 > L.maxSubmitJobsPerUser) return fail('ERR_MAX_JOB_COUNT_PER_USER', `job ${id}: ${qosName(qos)} allows no jobs per user (MaxSubmitJobsPerUser 0)`);
  if (L.maxSubmitJobsPerAccount !== undefined && 1 > L.maxSubmitJobsPerAccount) return fail('ERR_MAX_JOB_COUNT_PER_ACCOUNT', `job ${id}: ${qosName(qos)} allows no jobs per account (MaxSubmitJobsPerAccount 0)`);
  if (L.maxSubmitJobs !== undefined && 1 > L.maxSubmitJobs) return fail('ERR_QOS_JOB_COUNT_EXCEEDED', `job ${id}: ${qosName(qos)} allows no jobs (MaxSubmitJobs 0)`);
  if (tres !== undefined) {
    if (L.maxCpusPerUser !== undefined && tres.vec[0]! > L.maxCpusPerUser) {
      return fail('ERR_CPUS_PER_TASK_BEYOND', `job ${id}: asks ${tres.vec[0]! / 1000} CPUs; ${qosName(qos)} allows ${L.maxCpusPerUser / 1000} per user (MaxCpusPerUser)`);
    }
    // (Three calls, not a loop over a literal: this runs for every submission.)
    if (meter.exceeds(L.maxTresPerUser, tres) !== null) return beyond(x, tres, 'MaxTresPerUser', L.maxTresPerUser!);
    if (meter.exceeds(L.maxTresPerAccount, tres) !== null) return beyond(x, tres, 'MaxTresPerAccount', L.maxTresPerAccount!);
    if (meter.exceeds(L.maxTres, tres) !== null) return beyond(x, tres, 'MaxTres', L.maxTres!);
  }
  let time = x.timeLimit;
  if (time === undefined) time = L.maxTimeLimitPerJob ?? MAX_TIME_LIMIT;
  else if (L.maxTimeLimitPerJob !== undefined && time > L.maxTimeLimitPerJob) {
    return fail('ERR_TIME_TIMIT_BEYOND', `job ${id}: time limit ${s(time)} is over ${qosName(qos)} MaxTimeLimitPerJob ${s(L.maxTimeLimitPerJob)}`);
  }

  // The user.
  const user = who.user.name;
  const userLimits = who.membership.partitionLimits[partition];
  // (Checked before the call: the name for messages would be made on every submission.)
  const perJob = userLimits === undefined ? null : partitionPerJob(x, time, userLimits, `user '${user}' in account '${who.account}'`, true);
  if (perJob !== null) return perJob;
  const u = metas.userQos;
  if (L.maxSubmitJobsPerUser !== undefined && u.submit + 1 > L.maxSubmitJobsPerUser) {
    return fail('ERR_MAX_JOB_COUNT_PER_USER', `job ${id}: user '${user}' has ${u.submit} jobs pending or running in ${qosName(qos)} (MaxSubmitJobsPerUser ${L.maxSubmitJobsPerUser})`);
  }
  if (qos.denyOnLimit) {
    if (L.maxJobsPerUser !== undefined && u.jobs + 1 > L.maxJobsPerUser) {
      return fail('ERR_MAX_JOB_COUNT_PER_USER', `job ${id}: user '${user}' has ${u.jobs} jobs running in ${qosName(qos)} (MaxJobsPerUser ${L.maxJobsPerUser}, DenyOnLimit)`);
    }
    if (tres !== undefined && L.maxCpusPerUser !== undefined && u.res[0]! + tres.vec[0]! > L.maxCpusPerUser) {
      return fail('ERR_CPUS_PER_TASK_BEYOND', `job ${id}: user '${user}' would run ${(u.res[0]! + tres.vec[0]!) / 1000} CPUs in ${qosName(qos)} (MaxCpusPerUser ${L.maxCpusPerUser / 1000}, DenyOnLimit)`);
    }
    if (tres !== undefined && meter.exceeds(L.maxTresPerUser, tres, u.res) !== null) {
      return fail('ERR_MAX_TRES_PER_USER_BEYOND', `job ${id}: user '${user}' would run ${meter.format(tres, u.res)} in ${qosName(qos)} (MaxTresPerUser ${formatTresLimit(L.maxTresPerUser!)}, DenyOnLimit)`);
    }
  }
  if (userLimits?.maxSubmitJobs !== undefined && L.maxSubmitJobsPerUser === undefined && metas.userPartition.submit + 1 > userLimits.maxSubmitJobs) {
    return fail(
      'ERR_PARTITION_MAX_SUBMIT_JOBS_PER_USER',
      `job ${id}: user '${user}' has ${metas.userPartition.submit} jobs pending or running in partition ${partition} under account '${who.account}' (MaxSubmitJobs ${userLimits.maxSubmitJobs})`,
    );
  }

  // Each account of the chain, nearest first.
  for (let i = 0; i < who.chain.length; i++) {
    const account = who.chain[i]!;
    const limits = account.partitionLimits[partition];
    const perJobA = limits === undefined ? null : partitionPerJob(x, time, limits, `account '${account.name}'`, false);
    if (perJobA !== null) return perJobA;
    const a = metas.accountQos[i]!;
    if (L.maxSubmitJobsPerAccount !== undefined && a.submit + 1 > L.maxSubmitJobsPerAccount) {
      return fail('ERR_MAX_JOB_COUNT_PER_ACCOUNT', `job ${id}: account '${account.name}' has ${a.submit} jobs pending or running in ${qosName(qos)} (MaxSubmitJobsPerAccount ${L.maxSubmitJobsPerAccount})`);
    }
    if (qos.denyOnLimit) {
      if (L.maxJobsPerAccount !== undefined && a.jobs + 1 > L.maxJobsPerAccount) {
        return fail('ERR_MAX_JOB_COUNT_PER_ACCOUNT', `job ${id}: account '${account.name}' has ${a.jobs} jobs running in ${qosName(qos)} (MaxJobsPerAccount ${L.maxJobsPerAccount}, DenyOnLimit)`);
      }
      if (tres !== undefined && meter.exceeds(L.maxTresPerAccount, tres, a.res) !== null) {
        return fail('ERR_MAX_TRES_PER_ACCOUNT_BEYOND', `job ${id}: account '${account.name}' would run ${meter.format(tres, a.res)} in ${qosName(qos)} (MaxTresPerAccount ${formatTresLimit(L.maxTresPerAccount!)}, DenyOnLimit)`);
      }
    }
    const ap = metas.accountPartition[i]!;
    if (limits?.maxSubmitJobs !== undefined && L.maxSubmitJobsPerAccount === undefined && ap.submit + 1 > limits.maxSubmitJobs) {
      return fail('ERR_PARTITION_MAX_SUBMIT_JOBS_PER_ACCOUNT', `job ${id}: account '${account.name}' has ${ap.submit} jobs pending or running in partition ${partition} (MaxSubmitJobs ${limits.maxSubmitJobs})`);
    }
  }

  // The QoS over everyone.
  const g = metas.qos;
  if (L.maxSubmitJobs !== undefined && g.submit + 1 > L.maxSubmitJobs) {
    return fail('ERR_QOS_JOB_COUNT_EXCEEDED', `job ${id}: ${qosName(qos)} has ${g.submit} jobs pending or running (MaxSubmitJobs ${L.maxSubmitJobs})`);
  }
  if (qos.denyOnLimit) {
    if (L.maxJobs !== undefined && g.jobs + 1 > L.maxJobs) return fail('ERR_QOS_JOB_COUNT_EXCEEDED', `job ${id}: ${qosName(qos)} has ${g.jobs} jobs running (MaxJobs ${L.maxJobs}, DenyOnLimit)`);
    if (L.maxWall !== undefined && g.wall + time > L.maxWall) {
      return fail('ERR_TIME_TIMIT_BEYOND', `job ${id}: ${qosName(qos)} running jobs' time limits sum to ${s(g.wall)}; with this job's ${s(time)} that is over MaxWall ${s(L.maxWall)} (DenyOnLimit)`);
    }
    if (tres !== undefined && meter.exceeds(L.maxTres, tres, g.res) !== null) {
      return fail('ERR_TRES_PER_JOB_BEYOND', `job ${id}: ${qosName(qos)} would run ${meter.format(tres, g.res)} (MaxTres ${formatTresLimit(L.maxTres!)}, DenyOnLimit)`);
    }
  }
  return { ok: true, timeLimit: time };
}

/** A request over one of the QoS's TRES limits. (Not an arrow made per call: this runs for every submission.) */
function beyond(x: SubmitInput, tres: JobTres, key: string, limit: Tres): SubmitRejection {
  return fail('ERR_TRES_PER_JOB_BEYOND', `job ${x.id}: asks ${x.meter.format(tres)}, beyond ${qosName(x.qos)} ${key} ${formatTresLimit(limit)}`);
}

/** A partition limit's per-job checks for the user (`user`) or one account. */
function partitionPerJob(x: SubmitInput, time: Millis, limits: PartitionLimits | undefined, who: string, user: boolean): SubmitCheck | null {
  if (limits === undefined) return null;
  const { id, tres, meter, qos, partition } = x;
  if (tres !== undefined && meter.exceeds(limits.maxTresPerJob, tres) !== null) {
    return fail('ERR_PARTITION_TRES_PER_JOB_BEYOND', `job ${id}: asks ${meter.format(tres)}, beyond the MaxTresPerJob ${formatTresLimit(limits.maxTresPerJob!)} of ${who} in partition ${partition}`);
  }
  if (qos.limits.maxTimeLimitPerJob === undefined && limits.maxWallPerJob !== undefined && time > limits.maxWallPerJob) {
    return fail('ERR_PARTITION_TIME_BEYOND', `job ${id}: time limit ${s(time)} is over the MaxWallPerJob ${s(limits.maxWallPerJob)} of ${who} in partition ${partition}`);
  }
  const qosCaps = user ? qos.limits.maxSubmitJobsPerUser : qos.limits.maxSubmitJobsPerAccount;
  if (qosCaps === undefined && limits.maxSubmitJobs !== undefined && 1 > limits.maxSubmitJobs) {
    return fail(user ? 'ERR_PARTITION_MAX_SUBMIT_JOBS_PER_USER' : 'ERR_PARTITION_MAX_SUBMIT_JOBS_PER_ACCOUNT', `job ${id}: the MaxSubmitJobs of ${who} in partition ${partition} is 0`);
  }
  return null;
}
