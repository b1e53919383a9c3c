import type { ClusterState } from '../cluster/cluster-state.js';
import type { Millis } from '../model/time.js';
import { violated } from '../model/assert.js';
import { basicOrder, MultifactorTable, type PriorityJob, type PriorityPlugin } from '../priority/index.js';
import { HistoricalFairShare, type FairShareChoice } from './historical-fair-share.js';
import type { JobRecord } from './job-record.js';
import type { QueueOrder } from './scheduler.js';

/**
 * The queue order of a CraneSched profile (§4.5 step 6): `priority/basic` keeps submission order,
 * `priority/multifactor` sorts by the multifactor priority; both truncate to `ScheduledBatchSize`
 * and give the rest the reason `Priority`. Each job's priority and factors stay readable, for
 * display, in the order's table (`JobRecord.priorities`). `qosPriority` names a QoS's priority
 * (accounts policy; 0 without one). With `fairShare` of type `decayed` (multifactor only), the
 * fair-share factor comes from decayed historical usage over the account tree instead of
 * CraneSched's running service; the order then keeps that history, fed by the scheduler through
 * `ended`.
 */
export function priorityQueueOrder(cluster: ClusterState, plugin: PriorityPlugin, qosPriority: (qos: string) => number = () => 0, fairShare: FairShareChoice = RUNNING): QueueOrder {
  const batch = cluster.spec.scheduledBatchSize;
  if (plugin.type === 'priority/basic') return basicQueueOrder(batch);
  const config = plugin.config;
  const history = fairShare.type === 'decayed' ? new HistoricalFairShare(fairShare.accounts, fairShare.halfLifeMs) : undefined;
  // The multifactor priorities of each cycle, in reused columns (no object per job per cycle).
  const table = new MultifactorTable();
  // Accounts numbered in order of appearance.
  const accountNumber = new Map<string, number>();
  const accountNames: string[] = [];
  let shares = new Float64Array(0);
  // Per job id: 1 once its values are in the table's per-key columns, 2 when only its QoS
  // priority must be looked up again (the accounts changed since), 0 before.
  let known = new Uint8Array(0);
  // (Called for the jobs not yet known: the loops below test `known` first, as most rows are
  // known jobs and a call per row costs more than the test.)
  const learn = (job: JobRecord): void => {
    const id = job.id;
    if (id >= known.length) {
      const grown = new Uint8Array(Math.max(id + 1, 2 * known.length, 64));
      grown.set(known);
      known = grown;
      table.reserve(grown.length);
    }
    table.qosPriority[id] = qosPriority(job.qos);
    if (known[id] === 0) {
      table.partitionPriority[id] = cluster.partitions[job.partition]!.priority;
      table.cpuMilli[id] = job.need.vec[0]! * job.units;
      table.nodes[id] = job.units;
      table.memMiB[id] = job.need.vec[1]! * job.units;
      table.mandated[id] = job.spec.mandatedPriority ?? 0;
      const name = job.spec.account;
      let a = accountNumber.get(name);
      if (a === undefined) {
        a = accountNames.length;
        accountNumber.set(name, a);
        accountNames.push(name);
      }
      table.account[id] = a;
    }
    known[id] = 1;
    job.priorities = table; // (its view reads its priority and factors there)
  };
  const order: QueueOrder = (candidates, now, running) => {
    const p = candidates.length;
    table.begin(p, running.length);
    const { key, submitTime, startTime } = table;
    for (let r = 0; r < p; r++) {
      const job = candidates[r]!;
      if (known[job.id] !== 1) learn(job);
      key[r] = job.id;
      submitTime[r] = job.submitTime;
    }
    for (let k = 0; k < running.length; k++) {
      const job = running[k]!;
      if (known[job.id] !== 1) learn(job);
      key[p + k] = job.id;
      startTime[p + k] = job.startTime;
    }
    let fairShareOf: Float64Array | null = null;
    if (history !== undefined) {
      const factorOf = history.factors(now, running);
      for (const [account, f] of factorOf) if (!(f >= 0 && f <= 1)) violated(`fair-share factor ${f} of account '${account}' is outside [0, 1]`);
      if (shares.length < accountNames.length) shares = new Float64Array(Math.max(accountNames.length, 2 * shares.length));
      for (let a = 0; a < accountNames.length; a++) shares[a] = factorOf.get(accountNames[a]!) ?? 0;
      fairShareOf = shares;
    }
    table.compute(config, truncateToSecond(now), accountNames.length, fairShareOf);
    const ranked = table.order;
    const scheduled = Math.min(p, batch);
    const out = new Array<JobRecord>(scheduled);
    for (let k = 0; k < scheduled; k++) out[k] = candidates[ranked[k]!]!;
    for (let k = scheduled; k < p; k++) candidates[ranked[k]!]!.pendingReason = 'Priority';
    return out;
  };
  order.ended = (job, now) => history?.ended(job, now);
  order.accountsChanged = () => {
    for (let id = 0; id < known.length; id++) if (known[id] === 1) known[id] = 2;
  };
  return order;
}

/** `priority/basic`: submission order, cut to the batch size (the rest wait with reason `Priority`). */
function basicQueueOrder(batch: number): QueueOrder {
  return (candidates) => {
    if (candidates.length <= batch) return candidates;
    const jobs: PriorityJob[] = candidates.map((job) => ({ index: job.id, pending: true, submitTime: job.submitTime, startTime: NaN, qosPriority: 0, partitionPriority: 0, cpuMilli: 0, nodes: 0, memMiB: 0, account: '' }));
    const byId: JobRecord[] = [];
    for (const job of candidates) byId[job.id] = job;
    const order = basicOrder(jobs, batch);
    for (const i of order.cut) byId[i]!.pendingReason = 'Priority';
    return order.scheduled.map((i) => byId[i]!);
  };
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
  lazy.accountsChanged = () => order?.accountsChanged?.();
  return lazy;
}

const truncateToSecond = (t: Millis): Millis => Math.floor(t / 1000) * 1000;
