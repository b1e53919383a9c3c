import type { ClusterState } from '../cluster/cluster-state.js';
import type { Millis } from '../model/time.js';
import { prioritize, type PriorityJob, type PriorityPlugin } from '../priority/index.js';
import { HistoricalFairShare, type FairShareChoice } from './historical-fair-share.js';
import type { JobRecord } from './job-record.js';
import type { QueueOrder } from './scheduler.js';

/**
 * The queue order of a CraneSched profile (§4.5 step 6): `priority/basic` keeps submission order,
 * `priority/multifactor` sorts by the multifactor priority; both truncate to `ScheduledBatchSize`
 * and give the rest the reason `Priority`. Each job keeps its priority and factors for display.
 * `qosPriority` names a QoS's priority (accounts policy; 0 without one). With `fairShare` of type
 * `decayed` (multifactor only), the fair-share factor comes from decayed historical usage over the
 * account tree instead of CraneSched's running service; the order then keeps that history, fed
 * by the scheduler through `ended`.
 */
export function priorityQueueOrder(cluster: ClusterState, plugin: PriorityPlugin, qosPriority: (qos: string) => number = () => 0, fairShare: FairShareChoice = RUNNING): QueueOrder {
  const batch = cluster.spec.scheduledBatchSize;
  const history = fairShare.type === 'decayed' && plugin.type === 'priority/multifactor' ? new HistoricalFairShare(fairShare.accounts, fairShare.halfLifeMs) : undefined;
  // Per job id: the job, and its priority input as last built (rebuilt when the job starts, is
  // requeued or its QoS priority changes; dropped when it ends). Ids are dense submission numbers.
  const byId: JobRecord[] = [];
  const inputs: Array<PriorityJob | undefined> = [];
  const input = (job: JobRecord, pending: boolean): PriorityJob => {
    const qp = qosPriority(job.qos);
    const cached = inputs[job.id];
    if (cached !== undefined && cached.pending === pending && cached.submitTime === job.submitTime && cached.qosPriority === qp && (pending || cached.startTime === job.startTime)) return cached;
    const p: PriorityJob = {
      index: job.id,
      pending,
      submitTime: job.submitTime,
      startTime: pending ? NaN : job.startTime,
      qosPriority: qp,
      partitionPriority: cluster.partitions[job.partition]!.priority,
      cpuMilli: job.need.vec[0]! * job.units,
      nodes: job.units,
      memMiB: job.need.vec[1]! * job.units,
      account: job.spec.account,
      // Always present (undefined when not set), not spread in: every input has one shape, read every cycle.
      mandatedPriority: job.spec.mandatedPriority,
    };
    inputs[job.id] = p;
    return p;
  };
  const order: QueueOrder = (candidates, now, running) => {
    if (plugin.type === 'priority/basic' && candidates.length <= batch) return candidates;
    const jobs: PriorityJob[] = [];
    for (const job of candidates) {
      byId[job.id] = job;
      jobs.push(input(job, true));
    }
    for (const job of running) {
      byId[job.id] = job;
      jobs.push(input(job, false));
    }
    const used =
      history === undefined || plugin.type !== 'priority/multifactor'
        ? plugin
        : { type: plugin.type, config: { ...plugin.config, fairShare: { type: 'account-factor' as const, factorOf: history.factors(now, running) } } };
    const pass = prioritize(used, jobs, truncateToSecond(now), batch);
    for (const r of pass.results) {
      const job = byId[r.index]!;
      job.priority = r.priority;
      job.priorityFactors = r.factors;
    }
    for (const i of pass.cut) byId[i]!.pendingReason = 'Priority';
    return pass.scheduled.map((i) => byId[i]!);
  };
  order.ended = (job, now) => {
    inputs[job.id] = undefined;
    history?.ended(job, now);
  };
  return order;
}

const RUNNING: FairShareChoice = { type: 'running' };

/**
 * The queue order the cluster file asks for (`PriorityType`, `PriorityWeight*`, `PriorityMaxAge`,
 * `PriorityFavorSmall`, `ScheduledBatchSize`), built on first use from the cluster the scheduler
 * runs: how a CraneSched profile orders its queue.
 */
export function clusterPriorityOrder(qosPriority: (qos: string) => number = () => 0, fairShare: FairShareChoice = RUNNING): QueueOrder {
  let order: QueueOrder | undefined;
  const lazy: QueueOrder = (candidates, now, running, cluster) => {
    if (order === undefined) {
      const p = cluster.spec.priority;
      const plugin: PriorityPlugin =
        p.type === 'priority/basic'
          ? { type: 'priority/basic' }
          : {
              type: 'priority/multifactor',
              config: {
                weights: { age: p.weights.age, fairShare: p.weights.fairShare, jobSize: p.weights.jobSize, partition: p.weights.partition, qos: p.weights.qos },
                maxAgeMs: p.maxAge,
                favorSmall: p.favorSmall,
              },
            };
      order = priorityQueueOrder(cluster, plugin, qosPriority, fairShare);
    }
    return order(candidates, now, running, cluster);
  };
  lazy.ended = (job, now) => order?.ended?.(job, now);
  return lazy;
}

const truncateToSecond = (t: Millis): Millis => Math.floor(t / 1000) * 1000;
