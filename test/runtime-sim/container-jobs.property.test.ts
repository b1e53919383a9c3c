import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isTerminal, makePlanner, PRIMARY_STEP_ID, type ClusterEvent, type ClusterSpec, type Decision, type StepOrder } from '../../core/index.js';
import { DEFAULT_CONTAINER_COSTS, Simulation, type SimulationResult, type TimedAdminCommand } from '../../runtime-sim/index.js';
import { containerJobsToSim, type ContainerJob } from '../../traces/container/index.js';
import { generatePipelineWorkload, splitPodWorkload } from '../../traces/generators/index.js';
import { testCluster } from '../support/cluster.js';

/**
 * Integration properties of container jobs: random pipeline workloads (seeded generator, random
 * sizes, short time limits, cancellations, lost nodes) run through the Scheduler and the simulated
 * cluster (Pods, image pulls, step appends). The test watches every decision and report and checks
 * CraneSched's rules from them, independently of the core's own bookkeeping.
 */
const CLUSTER: ClusterSpec = testCluster(
  Array.from({ length: 4 }, (_, i) => ({ name: `n${i}`, cpus: 8, memMiB: 32_768, gres: ['gpu:a100:1'] })),
);

interface Scenario {
  readonly seed: string;
  readonly jobs: number;
  readonly split: boolean;
  readonly order: StepOrder;
  /** Job time limit scale (< 1 kills primaries at their limit). */
  readonly limitScale: number;
  /** Step time limits of 11..60 s on some steps. */
  readonly stepLimits: readonly (number | null)[];
  readonly cancels: readonly { readonly at: number; readonly job: number }[];
  readonly downs: readonly { readonly at: number; readonly node: number }[];
  readonly cacheMiB: number;
}

const scenario: fc.Arbitrary<Scenario> = fc.record({
  seed: fc.string({ minLength: 1, maxLength: 6 }),
  jobs: fc.integer({ min: 1, max: 7 }),
  split: fc.boolean(),
  order: fc.constantFrom<StepOrder>('fifo', 'backfill'),
  limitScale: fc.oneof(fc.constant(1), fc.double({ min: 0.05, max: 1, noNaN: true })),
  stepLimits: fc.array(fc.option(fc.integer({ min: 11, max: 60 }).map((s) => s * 1000), { freq: 3 }), { maxLength: 8 }),
  cancels: fc.array(fc.record({ at: fc.integer({ min: 0, max: 4000 }), job: fc.nat(10) }), { maxLength: 2 }),
  downs: fc.array(fc.record({ at: fc.integer({ min: 1, max: 4000 }), node: fc.nat(3) }), { maxLength: 1 }),
  cacheMiB: fc.constantFrom(50 * 1024, 600, 4000),
});

function workload(s: Scenario): ContainerJob[] {
  const gen = generatePipelineWorkload({ seed: s.seed, jobs: s.jobs, meanInterarrival: 20, stepDuration: { min: 5, max: 600 }, failureRate: 0.15, nodes: { min: 1, max: 3 } });
  if (!gen.ok) throw new Error(gen.issues.join('; '));
  const jobs = gen.value.map((j, ji) => ({
    ...j,
    ...(j.timeLimit === undefined ? {} : { timeLimit: Math.max(11_000, Math.round((j.timeLimit * s.limitScale) / 1000) * 1000) }),
    steps: j.steps.map((st, i) => {
      const limit = s.stepLimits[(ji + i) % Math.max(1, s.stepLimits.length)];
      return limit === null || limit === undefined ? st : { ...st, timeLimit: limit };
    }),
  }));
  return s.split ? splitPodWorkload(jobs) : jobs;
}

interface Run {
  readonly result: SimulationResult;
  readonly decisions: Array<{ readonly at: number; readonly d: Decision }>;
  readonly events: ClusterEvent[];
  readonly sim: Simulation;
}

function run(s: Scenario): Run {
  const containerJobs = workload(s);
  const jobs = containerJobsToSim(containerJobs, CLUSTER);
  if (!jobs.ok) throw new Error(jobs.issues.join('; '));
  const admin: TimedAdminCommand[] = [
    ...s.cancels.map((c) => ({ time: c.at * 1000, command: { type: 'CancelJob' as const, job: containerJobs[c.job % containerJobs.length]!.id } })),
    ...s.downs.map((d) => ({ time: d.at * 1000, command: { type: 'SetNodeState' as const, node: `n${d.node}`, state: 'down' as const } })),
  ];
  const sim = new Simulation(jobs.value, {
    cluster: CLUSTER,
    planner: makePlanner('cranesched')!,
    admin,
    stepOrder: s.order,
    containerCosts: { ...DEFAULT_CONTAINER_COSTS, imageCacheMiB: s.cacheMiB },
  });
  const decisions: Run['decisions'] = [];
  const events: ClusterEvent[] = [];
  const decide = sim.pods.decide.bind(sim.pods);
  sim.pods.decide = (d, at) => {
    decisions.push({ at, d });
    decide(d, at);
  };
  const observe = sim.scheduler.observe.bind(sim.scheduler);
  sim.scheduler.observe = (e) => {
    events.push(e);
    observe(e);
  };
  const result = sim.run();
  return { result, decisions, events, sim };
}

const key = (...parts: readonly (string | number)[]): string => parts.join(':');

describe('container jobs through the scheduler and the simulated cluster', () => {
  it('keep CraneSched rules on random workloads', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { result, decisions, events, sim } = run(s);
        const lostNodes = s.downs.length > 0;
        // Job allocations, Pod readiness and what steps hold, from the decision and report streams in order.
        const jobAlloc = new Map<number, { nodes: readonly number[]; alloc: readonly Float64Array[] }>();
        const ready = new Map<number, number>();
        const holding = new Map<string, { job: number; nodes: readonly number[]; alloc: readonly Float64Array[]; ended: Set<number> }>();
        const started: Array<{ job: number; step: number }> = [];
        const ends = new Map<string, number>();
        let di = 0;
        let ei = 0;
        // Merge the two streams by the order they happened: a decision at time t is produced after the reports at t that caused it.
        const timeline: Array<{ kind: 'd'; v: (typeof decisions)[number] } | { kind: 'e'; v: ClusterEvent }> = [];
        while (di < decisions.length || ei < events.length) {
          const d = decisions[di];
          const e = events[ei];
          if (e !== undefined && (d === undefined || e.time <= d.at)) timeline.push({ kind: 'e', v: events[ei++]! });
          else timeline.push({ kind: 'd', v: decisions[di++]! });
        }
        for (const item of timeline) {
          if (item.kind === 'd') {
            const d = item.v.d;
            if (d.type === 'CreatePod') jobAlloc.set(d.jobId, { nodes: d.nodes, alloc: d.allocation });
            if (d.type === 'StartStep') {
              const job = jobAlloc.get(d.jobId)!;
              // No step starts before its Pod is ready on every job node.
              expect(ready.get(d.jobId) ?? 0).toBe(job.nodes.length);
              holding.set(key(d.jobId, d.stepId), { job: d.jobId, nodes: d.nodes, alloc: d.allocation, ended: new Set() });
              if (d.stepId !== PRIMARY_STEP_ID) started.push({ job: d.jobId, step: d.stepId });
              // Steps never exceed the job's allocation on any node.
              job.nodes.forEach((node, i) => {
                const total = job.alloc[i]!;
                const used = new Float64Array(total.length);
                for (const h of holding.values()) {
                  if (h.job !== d.jobId) continue;
                  const k = h.nodes.indexOf(node);
                  if (k >= 0) h.alloc[k]!.forEach((v, dim) => (used[dim]! += v));
                }
                used.forEach((v, dim) => expect(v).toBeLessThanOrEqual(total[dim]! + 1e-9));
              });
            }
          } else {
            const e = item.v;
            if (e.type === 'PodReady') ready.set(e.jobId, (ready.get(e.jobId) ?? 0) + 1);
            if (e.type === 'StepEnded') {
              const k = key(e.jobId, e.stepId, e.node);
              ends.set(k, (ends.get(k) ?? 0) + 1);
              const h = holding.get(key(e.jobId, e.stepId));
              if (h !== undefined) {
                h.ended.add(e.node);
                if (h.ended.size === h.nodes.length) holding.delete(key(e.jobId, e.stepId));
              }
            }
            if (e.type === 'PodReleased') for (const [k, h] of holding) if (h.job === e.jobId) holding.delete(k);
          }
        }
        // FIFO: under CraneSched's order, a job's common steps start in submission (id) order.
        if (s.order === 'fifo') {
          const last = new Map<number, number>();
          for (const st of started) {
            expect(st.step).toBeGreaterThan(last.get(st.job) ?? 0);
            last.set(st.job, st.step);
          }
        }
        // Every step ends exactly once: one row each, terminal; one end report per step node.
        const rows = result.steps ?? [];
        const seen = new Set<string>();
        for (const r of rows) {
          if (r.finalState === 'Rejected') continue;
          const k = key(r.jobId, r.stepId);
          expect(seen.has(k)).toBe(false);
          seen.add(k);
          expect(isTerminal(r.finalState as never)).toBe(true);
        }
        if (!lostNodes) {
          for (const n of ends.values()) expect(n).toBe(1);
          expect(sim.scheduler.refusedStepReports).toBe(0);
          expect(sim.pods.leftovers).toBe(0);
        }
        // The job's final state is its primary's; every job ended; nothing of it survives.
        for (const { view } of result.jobs) {
          expect(['Pending', 'Configuring', 'Running', 'Completing']).not.toContain(view.state);
          expect(sim.scheduler.stepsOf(view.id)).toBeUndefined();
          const primary = rows.find((r) => r.jobId === view.id && r.stepId === PRIMARY_STEP_ID);
          if (primary !== undefined) {
            expect(view.state).toBe(primary.finalState);
            expect(view.exitCode).toBe(primary.exitCode);
          }
        }
        for (let n = 0; n < CLUSTER.nodes.length; n++) {
          const cache = sim.pods.cache(n as never);
          for (const image of cache.images()) expect(cache.refs(image)).toBe(0);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('are deterministic: the same workload and seed give the same jobs and steps', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const a = run(s).result;
        const b = run(s).result;
        expect(JSON.stringify(b.steps)).toBe(JSON.stringify(a.steps));
        expect(JSON.stringify(b.jobs.map((j) => j.view))).toBe(JSON.stringify(a.jobs.map((j) => j.view)));
        expect(b.podStats).toEqual(a.podStats);
      }),
      { numRuns: 15 },
    );
  });
});
