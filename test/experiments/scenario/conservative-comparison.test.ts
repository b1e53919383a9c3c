import { describe, expect, it } from 'vitest';
import { makePlanner, uniformCluster, type CraneSchedPlannerOptions, type JobView } from '../../../core/index.js';
import { profileOrder } from '../../../experiments/scenario/index.js';
import { Simulation, type SimJob } from '../../../runtime-sim/index.js';
import { loadSwfWorkload } from '../../../traces/index.js';
import { shared } from '../../support/shared.js';

/**
 * The issue asks whether the CraneSched profile with no accounts, one partition and FIFO order
 * reduces to the replay's conservative backfilling on a one-CPU-per-node machine. It does not:
 * these tests measure by how much on SDSC-SP2 and pin the two mechanisms behind it (the numbers
 * are quoted in docs/scenarios.md; update both together).
 */
const loaded = await loadSwfWorkload(shared('traces', 'swf', 'SDSC-SP2-1998-4-raw-first4961.swf'), { missingEstimate: 'runtime' });
if (!loaded.ok) throw new Error(loaded.error.message);
const workload = loaded.value;
const cluster = uniformCluster(workload.processors);

function simulation(policy: 'cranesched' | 'conservative', options: Partial<CraneSchedPlannerOptions> = {}, jobs: readonly SimJob[] = workload.jobs): Simulation {
  const planner = makePlanner(policy, { planEveryJob: true, ...options })!; // the tests read plans
  // CraneSched's profile: priority/basic (FIFO by submission, cut at ScheduledBatchSize), no admission
  const order = policy === 'cranesched' ? profileOrder({ planner: 'cranesched', priority: 'priority/basic', nodeSelection: 'least-loaded', preemption: 'none', fairShare: { type: 'running' } }, cluster, () => 0) : undefined;
  return new Simulation(jobs, { cluster, planner, ...(order === undefined ? {} : { order }), validate: true });
}

const starts = (sim: Simulation): Map<string, number> => new Map(sim.run().jobs.map(({ view }) => [view.spec.externalId, view.startTime]));

describe('CraneSched profile (no accounts, one partition, FIFO) vs conservative on SDSC-SP2 (128 one-CPU nodes)', () => {
  it('two thirds of the jobs start at the same time', () => {
    const cs = starts(simulation('cranesched'));
    const cons = starts(simulation('conservative'));
    let same = 0;
    let earlier = 0;
    let later = 0;
    for (const [id, t] of cs) {
      const u = cons.get(id)!;
      if (t === u) same++;
      else if (t < u) earlier++;
      else later++;
    }
    // 3,303 of 4,961 = 66.58 %; of the 1,658 others CraneSched starts 623 earlier and 1,035 later
    expect({ jobs: cs.size, same, earlier, later }).toEqual({ jobs: 4961, same: 3303, earlier: 623, later: 1035 });
    const meanWait = (m: Map<string, number>): number => Math.round(workload.jobs.reduce((s, j) => s + (m.get(j.spec.externalId)! - j.submitTime), 0) / workload.jobs.length / 1000);
    // seconds: CraneSched's pinned plans leave nodes idle that conservative backfills
    expect([meanWait(cs), meanWait(cons)]).toEqual([4497, 3558]);
  });

  it('the 7-day horizon plays no part here; which nodes a plan is pinned to does', () => {
    const cons = starts(simulation('conservative'));
    const same = (m: Map<string, number>): number => [...m].filter(([id, t]) => cons.get(id) === t).length;
    expect(same(starts(simulation('cranesched', { horizon: Number.MAX_SAFE_INTEGER })))).toBe(3303);
    // packing (most loaded first) instead of CraneSched's least-loaded order: 3,446 = 69.46 %
    expect(same(starts(simulation('cranesched', { nodeSelection: 'pack' })))).toBe(3446);
  });

  it('mechanism 1, pinned node sets: at t = 591266 conservative backfills jobs 33 and 35, CraneSched cannot', () => {
    const at = 591_266_000;
    const snapshot = (policy: 'cranesched' | 'conservative'): { free: number; running: string[]; plans: Record<string, number> } => {
      const sim = simulation(policy);
      sim.advance(at);
      const v = sim.scheduler.view();
      const plans = Object.fromEntries(v.pending.filter((j) => ['26', '29', '33', '35'].includes(j.spec.externalId)).map((j: JobView) => [j.spec.externalId, j.plannedStart / 1000]));
      return { free: v.freeNodes, running: v.running.map((j) => j.spec.externalId).filter((id) => ['33', '35'].includes(id)), plans };
    };
    // Conservative counts nodes: 29 (8 nodes) is planned when job 28's 8 nodes come free at 593666,
    // 26 (16 nodes) at 594860; the profile still has room for 1 + 4 nodes for 18 hours, so 33 and
    // 35 start now on 5 of the 6 idle nodes.
    expect(snapshot('conservative')).toEqual({ free: 1, running: ['33', '35'], plans: { '26': 594860, '29': 593666 } });
    // CraneSched pins each plan to the first nodes in its node order (least remaining CPU-time
    // first) that could hold the job: 26 gets the 6 idle nodes, the 8 of job 28 (free at 593666)
    // and 2 of job 24 (free at 594860), so it is planned at 594860; 29 then gets 8 more of job 24's
    // nodes, also 594860, instead of job 28's. The idle nodes are promised to 26 from 594860 on, so
    // no 18-hour job fits on them now: 33 and 35 wait while 6 nodes stay idle.
    expect(snapshot('cranesched')).toEqual({ free: 6, running: [], plans: { '26': 594860, '29': 594860, '33': 596088, '35': 600860 } });
  });

  it('mechanism 2, re-planning from scratch: CraneSched moves plans later, conservative never does', () => {
    const movedLater = (policy: 'cranesched' | 'conservative'): number => {
      const sim = simulation(policy);
      const last = new Map<number, number>();
      const moved = new Set<number>();
      while (!sim.done) {
        sim.step();
        const next = sim.nextTime;
        if (next !== undefined && next <= sim.now) continue;
        for (const j of sim.scheduler.view().pending) {
          const before = last.get(j.id);
          if (before !== undefined && Number.isFinite(before) && !(j.plannedStart <= before)) moved.add(j.id);
          last.set(j.id, j.plannedStart);
        }
      }
      return moved.size;
    };
    expect([movedLater('cranesched'), movedLater('conservative')]).toEqual([471, 0]);
  });
});
