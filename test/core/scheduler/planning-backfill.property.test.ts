import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeJobId, makeProfile, Scheduler, type JobSpec } from '../../../core/index.js';
import { testCluster } from '../../support/cluster.js';
import { job } from '../../support/jobs.js';

/**
 * Issue 3's proof list: with CraneSched's planning backfill no job delays an earlier-planned job.
 *
 * Within a cycle: the candidates are placed in queue order and every placement, now or planned,
 * is taken from the time maps before the next job is placed, so the jobs after the k-th cannot
 * change what the first k get. Checked by planning a queue and every prefix of it on the same
 * cluster (with jobs already running) and comparing the prefix's plans: start or planned start,
 * and nodes. (A guard for any incremental re-planning: it must keep this.)
 *
 * Across cycles the plans are re-made, so this is a property of each cycle, not of the whole run:
 * a job submitted later may still make an earlier one start later than it would have without it
 * by taking room the earlier job would have moved to in a later cycle. E.g. `pack`, five 1-CPU
 * nodes, all submitted at 0, jobs (nodes x seconds) 1x1, 3x2, 2x1, 1x2: the 2-node job is planned
 * at 2 s on the most-loaded nodes, the last job backfills onto node 4 at 0, and at 1 s the 2-node
 * job can no longer move to nodes 0 and 4; it starts at 2 s (its plan) instead of 1 s.
 */
const nodeSketch = fc.record({ cpus: fc.integer({ min: 2, max: 8 }), memMiB: fc.constantFrom(1024, 4096) });
const jobSketch = fc.record({
  nodes: fc.integer({ min: 1, max: 2 }),
  cpus: fc.integer({ min: 1, max: 4 }),
  memMiB: fc.constantFrom(0, 512),
  limit: fc.integer({ min: 1, max: 600 }),
  exclusive: fc.boolean(),
});
type JobSketch = { nodes: number; cpus: number; memMiB: number; limit: number; exclusive: boolean };

const spec = (id: string, s: JobSketch): JobSpec =>
  job({ id, run: s.limit, nodes: s.nodes, cpus: s.cpus, memMiB: s.memMiB, request: s.exclusive ? { exclusive: true } : {}, spec: { partition: 'p' } }).spec;

/** Plans `queue` behind `running` (submitted and started first) in one cycle; per queued job its plan. */
function plan(nodes: ReadonlyArray<{ cpus: number; memMiB: number }>, running: readonly JobSketch[], queue: readonly JobSketch[], nodeSelection: 'least-loaded' | 'pack'): string[] {
  const cluster = testCluster(nodes.map((n, i) => ({ name: `n${i}`, ...n })));
  const profile = makeProfile('cranesched', { nodeSelection, planEveryJob: true })!;
  const scheduler = new Scheduler({ cluster, planner: profile.planner, ...(profile.order === undefined ? {} : { order: profile.order }) });
  running.forEach((s, i) => scheduler.submit(spec(`r${i}`, s), 0));
  scheduler.schedule(0);
  scheduler.schedule(0); // the pass: whatever fits starts
  const now = 7_000;
  const ids = queue.map((s, i) => scheduler.submit(spec(`q${i}`, s), now));
  scheduler.schedule(now);
  scheduler.schedule(now); // the pass over the queue
  return ids.map((r) => {
    if (!r.ok) return `rejected ${r.code}`;
    const v = scheduler.job(makeJobId(r.jobId));
    return v.state === 'Running' ? `started ${v.startTime} on ${v.nodes.join(',')}` : `planned ${v.plannedStart} (${v.pendingReason})`;
  });
}

describe('CraneSched planning backfill', () => {
  it('never delays an earlier-planned job: the jobs after the k-th do not change the plans of the first k', () => {
    fc.assert(
      fc.property(
        fc.array(nodeSketch, { minLength: 2, maxLength: 5 }),
        fc.array(jobSketch, { maxLength: 6 }),
        fc.array(jobSketch, { minLength: 1, maxLength: 12 }),
        fc.constantFrom('least-loaded' as const, 'pack' as const),
        (nodes, running, queue, selection) => {
          const whole = plan(nodes, running, queue, selection);
          for (let k = 1; k < queue.length; k++) expect(plan(nodes, running, queue.slice(0, k), selection)).toEqual(whole.slice(0, k));
        },
      ),
      { numRuns: 150 },
    );
  });
});
