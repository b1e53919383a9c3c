import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeJobId, makeNodeId, runsOf, type JobId, type NodeId } from '../../core/index.js';
import { ScheduleValidator } from '../../runtime-sim/index.js';

const j = makeJobId;
const n = (...ids: number[]) => ids.map(makeNodeId);
/** Two nodes of 1 CPU (1000 milli) and 0 MiB; each job takes a whole CPU per node. */
const cpu1 = () => [Float64Array.of(1000, 0), Float64Array.of(1000, 0)];
const whole = (count: number) => Array.from({ length: count }, () => Float64Array.of(1000, 0));

describe('ScheduleValidator', () => {
  it('accepts a clean schedule with back-to-back use of a node', () => {
    const v = new ScheduleValidator(cpu1());
    v.submit(j(0), 0);
    v.submit(j(1), 0);
    v.start(j(0), runsOf(n(0, 1)), whole(2), 0);
    v.end(j(0), runsOf(n(0, 1)), 10);
    v.start(j(1), runsOf(n(0)), whole(1), 10);
    v.end(j(1), runsOf(n(0)), 20);
    expect(() => v.finish()).not.toThrow();
  });

  it('takes more job ids than it was sized for, and still catches a job started twice among them', () => {
    const v = new ScheduleValidator(cpu1(), 2);
    for (let id = 0; id < 100; id++) v.submit(j(id), id);
    for (let id = 0; id < 100; id++) {
      v.start(j(id), runsOf(n(id % 2)), whole(1), 100 + id);
      v.end(j(id), runsOf(n(id % 2)), 100 + id);
    }
    expect(() => v.start(j(99), runsOf(n(0)), whole(1), 300)).toThrow(/job 99 started twice/);
    expect(() => v.submit(j(40), 300)).toThrow(/job 40 submitted twice/);
  });

  it('accounts for a job left pending at the end, and only for one that never started', () => {
    const v = new ScheduleValidator(cpu1());
    v.submit(j(0), 0);
    v.submit(j(1), 0);
    expect(() => v.finish()).toThrow(/job 0 never started/);
    v.leftPending(j(0));
    v.start(j(1), runsOf(n(0)), whole(1), 0);
    expect(() => v.leftPending(j(1))).toThrow(/left pending, but it started/);
    v.end(j(1), runsOf(n(0)), 5);
    expect(() => v.finish()).not.toThrow();
  });

  it('lets jobs share a node up to its capacity, and not beyond', () => {
    const v = new ScheduleValidator([Float64Array.of(4000, 100)]);
    for (const id of [0, 1, 2]) v.submit(j(id), 0);
    v.start(j(0), runsOf(n(0)), [Float64Array.of(2000, 50)], 0);
    v.start(j(1), runsOf(n(0)), [Float64Array.of(2000, 50)], 0);
    expect(() => v.start(j(2), runsOf(n(0)), [Float64Array.of(0, 1)], 0)).toThrow(/over-allocated at 0 in resource 1: job 2 takes 1 with 100 of 100 held by job\(s\) 0, 1/);
  });

  it.each([
    ['a node given twice', (v: ScheduleValidator) => (v.submit(j(0), 0), v.submit(j(1), 0), v.start(j(0), runsOf(n(1)), whole(1), 0), v.start(j(1), runsOf(n(1)), whole(1), 5)), /node 1 over-allocated at 5 in resource 0: job 1 takes 1000 with 1000 of 1000 held by job\(s\) 0/],
    ['a start before submission', (v: ScheduleValidator) => (v.submit(j(0), 10), v.start(j(0), runsOf(n(0)), whole(1), 5)), /started at 5, before its submission at 10/],
    ['a double start', (v: ScheduleValidator) => (v.submit(j(0), 0), v.start(j(0), runsOf(n(0)), whole(1), 0), v.end(j(0), runsOf(n(0)), 1), v.start(j(0), runsOf(n(0)), whole(1), 2)), /started twice/],
    ['a double end', (v: ScheduleValidator) => (v.submit(j(0), 0), v.start(j(0), runsOf(n(0)), whole(1), 0), v.end(j(0), runsOf(n(0)), 1), v.end(j(0), runsOf(n(0)), 2)), /ended twice/],
    ['a job that never ends', (v: ScheduleValidator) => (v.submit(j(0), 0), v.start(j(0), runsOf(n(0)), whole(1), 0), v.finish()), /job 0 never ended/],
  ])('rejects %s', (_, act, message) => {
    expect(() => act(new ScheduleValidator(cpu1()))).toThrow(message);
  });

  it('says the same as a naive node-by-node model on random schedules, clean or broken', () => {
    // Three nodes of (2000 milli-CPU, 100 MiB). Allocations are shared vectors (the fast path) or
    // per-node ones, sometimes negative, sometimes on unknown or repeated nodes.
    const capacity = () => [Float64Array.of(2000, 100), Float64Array.of(2000, 100), Float64Array.of(2000, 100)];
    const vector = fc.oneof(
      fc.constantFrom(Float64Array.of(1000, 0), Float64Array.of(0, 0), Float64Array.of(500, 30), Float64Array.of(2000, 100)),
      fc.tuple(fc.integer({ min: -1, max: 2500 }), fc.integer({ min: -1, max: 120 })).map(([c, m]) => Float64Array.of(c, m)),
    );
    const step = fc.oneof(
      fc.record({ kind: fc.constant('start' as const), nodes: fc.array(fc.integer({ min: -1, max: 3 }), { minLength: 1, maxLength: 4 }), shared: fc.boolean(), vecs: fc.array(vector, { minLength: 4, maxLength: 4 }) }),
      fc.record({ kind: fc.constant('end' as const), pick: fc.nat() }),
    );
    fc.assert(
      fc.property(fc.array(step, { maxLength: 30 }), (steps) => {
        const v = new ScheduleValidator(capacity());
        const m = new NaiveValidator(capacity());
        const running: Array<{ job: JobId; nodes: NodeId[] }> = [];
        let next = 0;
        for (const s of steps) {
          let job: JobId;
          let act: (x: ScheduleValidator | NaiveValidator) => void;
          if (s.kind === 'start') {
            job = j(next++);
            const nodes = n(...s.nodes);
            const allocation = s.shared ? nodes.map(() => s.vecs[0]!) : nodes.map((_, k) => s.vecs[k]!);
            act = (x) => (x.submit(job, 0), x instanceof ScheduleValidator ? x.start(job, runsOf(nodes), allocation, 1) : x.start(job, nodes, allocation, 1));
            running.push({ job, nodes });
          } else {
            if (running.length === 0) continue;
            const [r] = running.splice(s.pick % running.length, 1);
            act = (x) => (x instanceof ScheduleValidator ? x.end(r!.job, runsOf(r!.nodes), 2) : x.end(r!.job, r!.nodes, 2));
          }
          const expected = outcome(() => act(m));
          expect(outcome(() => act(v))).toBe(expected);
          if (expected !== 'ok') return; // a violation: the state after it is unspecified
        }
        expect(outcome(() => v.finish())).toBe(outcome(() => m.finish()));
      }),
      { numRuns: 400 },
    );
  });
});

function outcome(f: () => void): string {
  try {
    f();
    return 'ok';
  } catch (e) {
    return (e as Error).message;
  }
}

/** The model: the plain node-by-node checks, with Maps and Sets. */
class NaiveValidator {
  private readonly used: Float64Array[];
  private readonly held = new Map<number, { nodes: readonly NodeId[]; allocation: readonly Float64Array[] }>();
  private readonly submitted = new Map<number, number>();
  private readonly started = new Set<number>();
  private readonly ended = new Set<number>();
  constructor(private readonly capacity: readonly Float64Array[]) {
    this.used = capacity.map((c) => new Float64Array(c.length));
  }
  submit(job: JobId, now: number): void {
    if (this.submitted.has(job)) throw new Error(`validator: job ${job} submitted twice`);
    this.submitted.set(job, now);
  }
  start(job: JobId, nodes: readonly NodeId[], allocation: readonly Float64Array[], now: number): void {
    const submit = this.submitted.get(job);
    if (submit === undefined) throw new Error(`validator: job ${job} started at ${now} but never submitted`);
    if (now < submit) throw new Error(`validator: job ${job} started at ${now}, before its submission at ${submit}`);
    if (this.started.has(job)) throw new Error(`validator: job ${job} started twice (again at ${now})`);
    this.started.add(job);
    const seen = new Set<number>();
    nodes.forEach((node, k) => {
      const cap = this.capacity[node];
      const alloc = allocation[k];
      if (cap === undefined || alloc === undefined) throw new Error(`validator: job ${job} given unknown node ${node} or no allocation for it`);
      if (seen.has(node)) throw new Error(`validator: job ${job} given node list with repeats: ${nodes.join(' ')}`);
      seen.add(node);
      const used = this.used[node]!;
      for (let d = 0; d < cap.length; d++) {
        if (alloc[d]! < 0) throw new Error(`validator: job ${job} takes a negative amount on node ${node}`);
        if (used[d]! + alloc[d]! > cap[d]! + 1e-9) {
          const holders = [...this.held].filter(([, h]) => h.nodes.includes(node)).map(([id]) => id);
          throw new Error(`validator: node ${node} over-allocated at ${now} in resource ${d}: job ${job} takes ${alloc[d]} with ${used[d]} of ${cap[d]} held by job(s) ${holders.join(', ')}`);
        }
      }
      for (let d = 0; d < cap.length; d++) used[d]! += alloc[d]!;
    });
    this.held.set(job, { nodes, allocation });
  }
  end(job: JobId, nodes: readonly NodeId[], now: number): void {
    if (!this.started.has(job)) throw new Error(`validator: job ${job} ended at ${now} without starting`);
    if (this.ended.has(job)) throw new Error(`validator: job ${job} ended twice (again at ${now})`);
    this.ended.add(job);
    const { allocation } = this.held.get(job)!;
    nodes.forEach((node, k) => {
      const used = this.used[node]!;
      for (let d = 0; d < used.length; d++) used[d]! -= allocation[k]![d]!;
    });
    this.held.delete(job);
  }
  finish(): void {
    for (const job of this.submitted.keys()) if (!this.ended.has(job)) throw new Error(`validator: job ${job} never ${this.started.has(job) ? 'ended' : 'started'}`);
  }
}
