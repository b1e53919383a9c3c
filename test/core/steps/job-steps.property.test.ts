import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isTerminal, PRIMARY_STEP_ID, type JobSteps, type JobStepsSpec, type StepAction, type StepEnd, type StepId, type StepOrder } from '../../../core/steps/index.js';
import { batchJob, cconJob, CONTAINER, DIMS, jobOn, node, podJob, PROCESS, request, step, vec } from './builders.js';

/**
 * Model-based tests: random command sequences (submits, schedules, node reports, cancels, time
 * limits, Pod failures, lost nodes) against one job, then a drain that lets the runtime finish
 * everything. After every command the invariants below are checked against a deliberately simple
 * model kept by the test from the actions alone (what each step holds, what has ended).
 */
type Cmd =
  | { readonly c: 'ready'; readonly n: number }
  | { readonly c: 'podFail'; readonly n: number }
  | { readonly c: 'submit'; readonly nodes: number; readonly cpu: number; readonly mem: number; readonly gpu: number; readonly crun: boolean; readonly limit: number | null }
  | { readonly c: 'schedule' }
  | { readonly c: 'start'; readonly pick: number }
  | { readonly c: 'end'; readonly pick: number; readonly code: number }
  | { readonly c: 'cancel'; readonly pick: number }
  | { readonly c: 'killJob' }
  | { readonly c: 'expire' }
  | { readonly c: 'nodeDown'; readonly n: number }
  | { readonly c: 'release' };

/** Disruptions (Pod failure, job kill, lost node) are rare so that most sequences get far into a job's life. */
const cmd: fc.Arbitrary<Cmd> = fc.oneof(
  { weight: 40, arbitrary: fc.record({ c: fc.constant('ready' as const), n: fc.nat(2) }) },
  { weight: 1, arbitrary: fc.record({ c: fc.constant('podFail' as const), n: fc.nat(2) }) },
  {
    weight: 60,
    arbitrary: fc.record({
      c: fc.constant('submit' as const),
      nodes: fc.integer({ min: 1, max: 3 }),
      cpu: fc.integer({ min: 1, max: 5 }).map((x) => x * 500),
      mem: fc.integer({ min: 1, max: 4 }).map((x) => x * 1024),
      gpu: fc.nat(2),
      crun: fc.boolean(),
      limit: fc.option(fc.integer({ min: 11, max: 40 }).map((s) => s * 1000)),
    }),
  },
  { weight: 50, arbitrary: fc.constant({ c: 'schedule' as const }) },
  { weight: 60, arbitrary: fc.record({ c: fc.constant('start' as const), pick: fc.nat(20) }) },
  { weight: 60, arbitrary: fc.record({ c: fc.constant('end' as const), pick: fc.nat(20), code: fc.constantFrom(0, 0, 1, 137, 323) }) },
  { weight: 5, arbitrary: fc.record({ c: fc.constant('cancel' as const), pick: fc.nat(20) }) },
  { weight: 1, arbitrary: fc.constant({ c: 'killJob' as const }) },
  { weight: 10, arbitrary: fc.constant({ c: 'expire' as const }) },
  { weight: 1, arbitrary: fc.record({ c: fc.constant('nodeDown' as const), n: fc.nat(2) }) },
  { weight: 20, arbitrary: fc.constant({ c: 'release' as const }) },
);

/** Per node: 4 CPUs, 8 GiB, 1 A100; the job has 3 nodes. */
const PER_NODE = vec(4000, 8192, 1);
const NODES = [node(0), node(1), node(2)];

interface Trace {
  readonly actions: StepAction[];
  readonly job: JobSteps;
}

const endOf = (code: number): StepEnd => (code === 0 ? { status: 'Completed', exitCode: 0 } : code === 323 ? { status: 'Failed', exitCode: 323 } : { status: 'Failed', exitCode: code > 128 ? 256 + code - 128 : code });

/** Runs the commands, checking the invariants after each; then drains the job to its end. */
function play(spec: JobStepsSpec, order: StepOrder, cmds: readonly Cmd[]): Trace {
  const job = jobOn(spec, 3, PER_NODE, { stepOrder: order });
  const all: StepAction[] = [];
  const held = new Map<StepId, { nodes: readonly number[]; allocation: readonly Float64Array[] }>();
  const ended = new Set<StepId>();
  let podReady = 0;
  let jobEnded = 0;
  let now = 0;

  const check = (acts: readonly StepAction[]): void => {
    all.push(...acts);
    for (const a of acts) {
      switch (a.type) {
        case 'StartStep':
          // no step starts before its Pod is ready on every job node
          expect(podReady).toBe(3);
          expect(jobEnded).toBe(0);
          held.set(a.stepId, { nodes: a.nodes, allocation: a.allocation });
          if (order === 'fifo' && a.stepId !== PRIMARY_STEP_ID) {
            // FIFO: no step starts while an earlier-submitted one is still pending
            for (const s of job.view().steps) if (s.id < a.stepId) expect(s.status, `step ${s.id} before ${a.stepId}`).not.toBe('Pending');
          }
          break;
        case 'StepEnded':
          // every step ends exactly once
          expect(ended.has(a.stepId), `step ${a.stepId} ended twice`).toBe(false);
          ended.add(a.stepId);
          held.delete(a.stepId);
          break;
        case 'JobEnded': {
          jobEnded++;
          const primary = job.step(PRIMARY_STEP_ID);
          // the job's final state is its primary's (when it had one)
          if (primary !== undefined) expect(a.end).toEqual(primary.end);
          break;
        }
        case 'KillStep':
        case 'JobRunning':
        case 'ReleaseDaemon':
          break;
      }
    }
    expect(jobEnded).toBeLessThanOrEqual(1);
    // steps never exceed the job's allocation on any node: free = total - what started steps hold, never negative
    NODES.forEach((n, i) => {
      const used = new Float64Array(DIMS);
      const primaryHolds = spec.primary.kind === 'container' && held.has(PRIMARY_STEP_ID);
      for (const [id, h] of held) {
        if (id === PRIMARY_STEP_ID && !primaryHolds) continue;
        h.nodes.forEach((hn, j) => {
          if (hn === n) for (let d = 0; d < DIMS; d++) used[d]! += h.allocation[j]![d]!;
        });
      }
      const free = job.freeOn(n);
      for (let d = 0; d < DIMS; d++) {
        expect(used[d]!, `node ${i} dim ${d}`).toBeLessThanOrEqual(PER_NODE[d]!);
        expect(free[d]! + used[d]!).toBeCloseTo(PER_NODE[d]!, 9);
      }
    });
    const v = job.view();
    for (const s of v.steps) expect(isTerminal(s.status)).toBe(ended.has(s.id));
    // nothing of a job survives its end
    if (v.end !== null) for (const s of v.steps) expect(isTerminal(s.status)).toBe(true);
  };

  const pickStep = (pick: number) => {
    const live = job.view().steps.filter((s) => !isTerminal(s.status));
    return live.length === 0 ? undefined : live[pick % live.length];
  };

  const exec = (c: Cmd): void => {
    now += 1000;
    switch (c.c) {
      case 'ready': {
        const r = job.observe({ type: 'DaemonReady', node: node(c.n) }, now);
        if (r.ok) podReady++;
        return check(r.ok ? r.actions : []);
      }
      case 'podFail': {
        const r = job.observe({ type: 'DaemonFailed', node: node(c.n), end: { status: 'Failed', exitCode: 323 } }, now);
        return check(r.ok ? r.actions : []);
      }
      case 'submit': {
        job.submitStep(step(request(c.nodes, c.cpu, c.mem, c.gpu), c.crun ? PROCESS : CONTAINER, c.limit ?? undefined), now);
        return check([]);
      }
      case 'schedule':
        return check(job.schedule(now));
      case 'start': {
        const s = pickStep(c.pick);
        const n = s?.nodes.find((x) => !s.started.includes(x) && !s.nodeEnds.some((e) => e.node === x));
        if (s === undefined || n === undefined) return;
        const r = job.observe({ type: 'StepNodeStarted', stepId: s.id, node: n }, now);
        return check(r.ok ? r.actions : []);
      }
      case 'end': {
        const s = pickStep(c.pick);
        const n = s?.nodes.find((x) => !s.nodeEnds.some((e) => e.node === x));
        if (s === undefined || n === undefined) return;
        const r = job.observe({ type: 'StepNodeEnded', stepId: s.id, node: n, end: s.killedWith ?? endOf(c.code) }, now);
        return check(r.ok ? r.actions : []);
      }
      case 'cancel': {
        const s = pickStep(c.pick);
        if (s === undefined) return;
        const r = job.cancelStep(s.id);
        return check(r.ok ? r.actions : []);
      }
      case 'killJob': {
        const r = job.killJob({ status: 'Cancelled', exitCode: 320 });
        return check(r.ok ? r.actions : []);
      }
      case 'expire':
        now += 15_000;
        return check(job.expireTimeLimits(now));
      case 'nodeDown': {
        const r = job.observe({ type: 'NodeDown', node: node(c.n) }, now);
        return check(r.ok ? r.actions : []);
      }
      case 'release': {
        const r = job.observe({ type: 'DaemonReleased' }, now);
        return check(r.ok ? r.actions : []);
      }
    }
  };

  for (const c of cmds) exec(c);
  // Drain: the runtime readies Pods, runs every placed step to its end (a killed one with its kill), releases.
  for (let round = 0; round < 200 && job.view().end === null; round++) {
    const v = job.view();
    if (v.daemon === 'Configuring') for (let n = 0; n < 3; n++) exec({ c: 'ready', n });
    else if (v.daemon === 'Releasing') exec({ c: 'release' });
    else {
      const live = v.steps.filter((s) => !isTerminal(s.status) && s.status !== 'Pending');
      for (const s of live) {
        for (const n of s.nodes) {
          const cur = job.step(s.id)!;
          if (isTerminal(cur.status) || cur.nodeEnds.some((e) => e.node === n)) continue;
          if (cur.status === 'Configuring' && !cur.started.includes(n)) {
            const r = job.observe({ type: 'StepNodeStarted', stepId: s.id, node: n }, now);
            check(r.ok ? r.actions : []);
            continue;
          }
          const r = job.observe({ type: 'StepNodeEnded', stepId: s.id, node: n, end: cur.killedWith ?? endOf(0) }, now);
          check(r.ok ? r.actions : []);
        }
      }
    }
  }
  const v = job.view();
  expect(v.end, 'the job ends').not.toBeNull();
  expect(jobEnded).toBe(1);
  for (const s of v.steps) expect(ended.has(s.id), `step ${s.id} ended`).toBe(true);
  expect(held.size).toBe(0);
  for (const n of NODES) expect(Array.from(job.freeOn(n))).toEqual(Array.from(PER_NODE));
  return { actions: all, job };
}

const serialize = (actions: readonly StepAction[]): string => JSON.stringify(actions, (_k, v: unknown) => (v instanceof Float64Array ? Array.from(v) : v));

describe('JobSteps model-based properties', () => {
  const specs = fc.constantFrom<JobStepsSpec>(podJob(), podJob(30_000), cconJob(), cconJob(45_000), batchJob());
  const orders = fc.constantFrom<StepOrder>('fifo', 'backfill');
  // size 'max': fast-check's default size would keep sequences to about ten commands
  const commands = fc.array(cmd, { maxLength: 80, size: 'max' });

  it('allocation, FIFO, Pod-before-steps, ends-exactly-once, primary decides, nothing survives the end', () => {
    fc.assert(
      fc.property(specs, orders, commands, (spec, order, cmds) => {
        play(spec, order, cmds);
      }),
      { numRuns: 250 },
    );
  });

  it('is deterministic: the same commands give byte-identical actions', () => {
    fc.assert(
      fc.property(specs, orders, commands, (spec, order, cmds) => {
        expect(serialize(play(spec, order, cmds).actions)).toBe(serialize(play(spec, order, cmds).actions));
      }),
      { numRuns: 60 },
    );
  });

  it('exercises the interesting paths (the generators reach them)', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(specs, orders, commands, (spec, order, cmds) => {
        const t = play(spec, order, cmds);
        for (const a of t.actions) seen.add(a.type === 'StepEnded' ? `${a.type}:${a.end.status}` : a.type);
        if (t.job.step(PRIMARY_STEP_ID) === undefined) seen.add('no primary');
      }),
      { numRuns: 120, seed: 42 },
    );
    const got = [...seen].sort().join(' ');
    for (const k of ['StartStep', 'KillStep', 'JobRunning', 'ReleaseDaemon', 'JobEnded', 'StepEnded:Completed', 'StepEnded:Cancelled', 'StepEnded:Failed', 'StepEnded:ExceedTimeLimit', 'no primary']) {
      expect(got, k).toContain(k);
    }
  });
});
