import { assertNever, violated } from '../model/assert.js';
import type { MultifactorConfig, MultifactorResult, PriorityJob } from './types.js';

/**
 * CraneSched's `priority/multifactor` (CRANESCHED.md §4.6; CraneSched `MultiFactorPriority::
 * CalculateFactorBound_` and `CalculatePriority_` in `src/CraneCtld/JobScheduler.cpp`, f09bacd4).
 *
 * Returns one result per PENDING job, in input order (the k-th result is the k-th pending job of
 * `jobs`); each result carries the job's `index` and `submitTime`, so it can go straight to
 * `orderByPriority`. Running jobs only shape the normalization ranges and the fair share.
 *
 * priority = wAge·age + wPartition·partition + wJobSize·jobSize + wFairShare·fairShare + wQoS·qos,
 * summed in that order (CraneSched's order, so the doubles match bit for bit). Each factor is a
 * min-max normalization `(x − min) / (max − min)`, and 0 when `max = min`. Decisions, following
 * CraneSched's code where the doc is silent:
 *
 * - Age is in whole seconds: `trunc((now − submit) / 1000)` capped at `trunc(maxAgeMs / 1000)`
 *   (CraneSched: `ToInt64Seconds`, `PriorityMaxAge` in seconds). Range over pending jobs.
 *   Divergence: a negative age (submit after `now`) counts as 0; CraneSched's unsigned wrap-around
 *   would give it the maximum age.
 * - QoS, partition, CPUs, nodes and memory ranges are over pending AND running jobs. A pending job's
 *   size is its request, a running job's its allocation (the caller fills `cpuMilli`/`nodes`/`memMiB`
 *   accordingly). Normalization is scale-free, so milli-CPUs and MiB give CraneSched's factors
 *   (it uses CPUs and bytes) up to the last bit of a double.
 * - jobSize = (norm(cpu) + norm(nodes) + norm(mem)) / 3, a degenerate term counting 0; with
 *   `favorSmall` it is 1 − that. So with `favorSmall` and all sizes equal, jobSize = 1, not 0.
 * - Fair share (`running-service`, the default): service(account) = Σ over the account's running
 *   jobs of [norm(cpu) + norm(nodes) + norm(mem)] × runSeconds, where the terms use the SAME
 *   pending+running ranges as job size, a degenerate term counts 1 (not 0: a zero service would hide
 *   the run time), and runSeconds = trunc((now − start) / 1000), negative treated as 0.
 *   The service range is over every account that has a pending OR a running job; an account with
 *   pending jobs but nothing running has service 0. fairShare = 1 − norm(service), and 0 for
 *   everyone when all those accounts have the same service. Divergence: CraneSched starts the
 *   service minimum at 2^32 − 1, so when every account's service exceeds that its minimum is wrong;
 *   we use the true minimum.
 * - `account-factor` source: the map's value for the job's account, used as is (missing: 0).
 * - A non-zero `mandatedPriority` is the priority as is (factors null); the job still counts in
 *   every range, as in CraneSched.
 *
 * Cost: four O(n) passes and one Map entry per account; the only per-job allocation is the output.
 * Throws (a bug in the caller) on a running job without a finite start time or an `account-factor`
 * value outside [0, 1].
 */
export function multifactorPriorities(jobs: readonly PriorityJob[], config: MultifactorConfig, nowMs: number): MultifactorResult[] {
  if (!(config.maxAgeMs >= 0)) violated(`PriorityMaxAge ${config.maxAgeMs} ms is negative`);
  const maxAgeSec = Math.trunc(config.maxAgeMs / 1000);

  let ageMin = Infinity;
  let ageMax = -Infinity;
  let qosMin = Infinity;
  let qosMax = -Infinity;
  let partMin = Infinity;
  let partMax = -Infinity;
  let cpuMin = Infinity;
  let cpuMax = -Infinity;
  let nodeMin = Infinity;
  let nodeMax = -Infinity;
  let memMin = Infinity;
  let memMax = -Infinity;
  let pendingCount = 0;

  for (let i = 0; i < jobs.length; i++) {
    const j = jobs[i]!;
    if (j.pending) {
      pendingCount++;
      const age = ageSeconds(nowMs, j.submitTime, maxAgeSec);
      if (age < ageMin) ageMin = age;
      if (age > ageMax) ageMax = age;
    } else {
      if (!Number.isFinite(j.startTime)) violated(`running job index ${j.index} has start time ${j.startTime}`);
    }
    if (j.qosPriority < qosMin) qosMin = j.qosPriority;
    if (j.qosPriority > qosMax) qosMax = j.qosPriority;
    if (j.partitionPriority < partMin) partMin = j.partitionPriority;
    if (j.partitionPriority > partMax) partMax = j.partitionPriority;
    if (j.cpuMilli < cpuMin) cpuMin = j.cpuMilli;
    if (j.cpuMilli > cpuMax) cpuMax = j.cpuMilli;
    if (j.nodes < nodeMin) nodeMin = j.nodes;
    if (j.nodes > nodeMax) nodeMax = j.nodes;
    if (j.memMiB < memMin) memMin = j.memMiB;
    if (j.memMiB > memMax) memMax = j.memMiB;
  }
  if (pendingCount === 0) return [];

  const ageSpan = ageMax - ageMin;
  const qosSpan = qosMax - qosMin;
  const partSpan = partMax - partMin;
  const cpuSpan = cpuMax - cpuMin;
  const nodeSpan = nodeMax - nodeMin;
  const memSpan = memMax - memMin;

  const source = config.fairShare ?? RUNNING_SERVICE;
  let fairShareOf: ReadonlyMap<string, number>;
  switch (source.type) {
    case 'running-service':
      fairShareOf = runningServiceFairShare(jobs, nowMs, cpuMin, cpuSpan, nodeMin, nodeSpan, memMin, memSpan);
      break;
    case 'account-factor':
      fairShareOf = source.factorOf;
      for (const [account, f] of fairShareOf) {
        if (!(f >= 0 && f <= 1)) violated(`fair-share factor ${f} of account '${account}' is outside [0, 1]`);
      }
      break;
    default:
      assertNever(source, 'fair-share source');
  }

  const w = config.weights;
  const out: MultifactorResult[] = [];
  for (let i = 0; i < jobs.length; i++) {
    const j = jobs[i]!;
    if (!j.pending) continue;
    const mandated = j.mandatedPriority;
    if (mandated !== undefined && mandated !== 0) {
      out.push({ index: j.index, submitTime: j.submitTime, priority: mandated, factors: null });
      continue;
    }
    const age = ageSpan > 0 ? (ageSeconds(nowMs, j.submitTime, maxAgeSec) - ageMin) / ageSpan : 0;
    const qos = qosSpan > 0 ? (j.qosPriority - qosMin) / qosSpan : 0;
    const partition = partSpan > 0 ? (j.partitionPriority - partMin) / partSpan : 0;
    let size = 0;
    if (cpuSpan > 0) size += (j.cpuMilli - cpuMin) / cpuSpan;
    if (nodeSpan > 0) size += (j.nodes - nodeMin) / nodeSpan;
    if (memSpan > 0) size += (j.memMiB - memMin) / memSpan;
    const jobSize = config.favorSmall ? 1 - size / 3 : size / 3;
    const fairShare = fairShareOf.get(j.account) ?? 0;
    const priority = w.age * age + w.partition * partition + w.jobSize * jobSize + w.fairShare * fairShare + w.qos * qos;
    out.push({ index: j.index, submitTime: j.submitTime, priority, factors: { age, fairShare, jobSize, partition, qos } });
  }
  return out;
}

const RUNNING_SERVICE = { type: 'running-service' } as const;

/**
 * CraneSched's fair share per account from running work (see `multifactorPriorities`): the accounts
 * of pending and running jobs, each mapped to 1 − norm(service), or 0 when the range is degenerate.
 */
function runningServiceFairShare(
  jobs: readonly PriorityJob[],
  nowMs: number,
  cpuMin: number,
  cpuSpan: number,
  nodeMin: number,
  nodeSpan: number,
  memMin: number,
  memSpan: number,
): Map<string, number> {
  const service = new Map<string, number>();
  for (let i = 0; i < jobs.length; i++) {
    const j = jobs[i]!;
    if (j.pending && !service.has(j.account)) service.set(j.account, 0);
  }
  for (let i = 0; i < jobs.length; i++) {
    const j = jobs[i]!;
    if (j.pending) continue;
    let s = 0;
    s += cpuSpan > 0 ? (j.cpuMilli - cpuMin) / cpuSpan : 1;
    s += nodeSpan > 0 ? (j.nodes - nodeMin) / nodeSpan : 1;
    s += memSpan > 0 ? (j.memMiB - memMin) / memSpan : 1;
    const runSec = nowMs > j.startTime ? Math.trunc((nowMs - j.startTime) / 1000) : 0;
    service.set(j.account, (service.get(j.account) ?? 0) + s * runSec);
  }
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of service.values()) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const span = hi - lo;
  for (const [account, v] of service) service.set(account, span > 0 ? 1 - (v - lo) / span : 0);
  return service;
}

/** Whole seconds since submission, at least 0, at most `maxAgeSec`. */
export function ageSeconds(nowMs: number, submitMs: number, maxAgeSec: number): number {
  const age = nowMs > submitMs ? Math.trunc((nowMs - submitMs) / 1000) : 0;
  return age < maxAgeSec ? age : maxAgeSec;
}
