import { makeProfile, Scheduler, uniformCluster, type ClusterSpec, type JobSpec, type QueueOrder } from '../../core/index.js';

/**
 * One scheduling cycle of CraneSched's planning backfill at scale, timed in process: 10,000 jobs
 * pending on 1,000 empty 64-CPU nodes, submitted through the real Scheduler with the cranesched
 * profile (multifactor priority, least-loaded node order, 7-day horizon), then one `schedule(now)`
 * that orders the queue and runs the planner's pass over all of them (the first `schedule` of the
 * instant only sees the submissions; the planner passes at the instant's wake-up and reads the
 * queue order then). Prints one JSON line: the pass cycle's ms for a cold (first) and a warm
 * (later) scheduler, of which the queue order's (priorities),
 * the submission time and what the cycle decided. The job mix is fixed (a seeded generator), so every run does the same work.
 */
const NODES = 1000;
const JOBS = 10_000;
const runs = Number(process.argv[2] ?? 3);

const base = uniformCluster(NODES, { cpuMilli: 64_000, memMiB: 256 * 1024 });
const cluster: ClusterSpec = {
  ...base,
  priority: { type: 'priority/multifactor', favorSmall: true, maxAge: 7 * 86_400_000, weights: { age: 1000, fairShare: 10_000, jobSize: 500, partition: 0, qos: 0, assoc: 0 } },
};

/** A small LCG: the bench's job mix must not change between runs or machines. */
function generator(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1_664_525) + 1_013_904_223) >>> 0;
    return s / 2 ** 32;
  };
}

function jobs(): JobSpec[] {
  const rand = generator(20261203);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  return Array.from({ length: JOBS }, (_, i) => {
    const nodeCount = pick([1, 1, 1, 1, 1, 1, 2, 2, 4, 4, 8, 16, 32, 64]);
    const cpus = nodeCount === 1 ? pick([1, 2, 4, 8, 16, 32, 64]) : pick([32, 64]);
    return {
      externalId: String(i + 1),
      user: `u${1 + Math.floor(rand() * 50)}`,
      account: `a${1 + Math.floor(rand() * 5)}`,
      partition: 'default',
      qos: 'normal',
      request: { nodeCount, perNode: { cpuMilli: cpus * 1000, memMiB: cpus * 2048 } },
      timeLimit: pick([600, 1800, 3600, 4 * 3600, 12 * 3600, 24 * 3600, 48 * 3600]) * 1000,
    };
  });
}

const specs = jobs();
const times: number[] = [];
const orderTimes: number[] = [];
let submitMs = 0;
let started = 0;
for (let r = 0; r < runs; r++) {
  const profile = makeProfile('cranesched')!;
  // The queue order (multifactor priorities of every pending and running job), timed apart.
  const inner = profile.order!;
  let orderMs = 0;
  const order: QueueOrder = (candidates, now, running, state) => {
    const t = performance.now();
    const out = inner(candidates, now, running, state);
    orderMs = performance.now() - t;
    return out;
  };
  const scheduler = new Scheduler({ cluster, planner: profile.planner, order });
  const now = 3_600_000;
  const t0 = performance.now();
  for (const spec of specs) {
    const s = scheduler.submit(spec, now);
    if (!s.ok) throw new Error(`job ${spec.externalId} rejected: ${s.code}`);
  }
  scheduler.schedule(now); // sees the submissions; the pass, and the queue order it reads, run at the instant's wake-up
  orderMs = 0;
  const t1 = performance.now();
  const decisions = scheduler.schedule(now);
  const t2 = performance.now();
  submitMs = t1 - t0;
  times.push(t2 - t1);
  orderTimes.push(orderMs);
  started = decisions.filter((d) => d.type === 'StartJob').length;
  const view = scheduler.view();
  if (view.pending.length + started !== JOBS) throw new Error('cycle lost jobs');
}
const warmMedian = (xs: number[]): number => {
  const warm = xs.length > 1 ? xs.slice(1).sort((a, b) => a - b) : xs;
  return warm[Math.floor(warm.length / 2)]!;
};
console.log(JSON.stringify({ nodes: NODES, jobs: JOBS, coldMs: times[0], warmMs: warmMedian(times), warmMinMs: Math.min(...times.slice(1)), warmOrderMs: warmMedian(orderTimes), submitMs, started }));
