import { describe, expect, it } from 'vitest';
import { makeJobId, makeNodeId } from '../../core/index.js';
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
    v.start(j(0), n(0, 1), whole(2), 0);
    v.end(j(0), n(0, 1), 10);
    v.start(j(1), n(0), whole(1), 10);
    v.end(j(1), n(0), 20);
    expect(() => v.finish()).not.toThrow();
  });

  it('lets jobs share a node up to its capacity, and not beyond', () => {
    const v = new ScheduleValidator([Float64Array.of(4000, 100)]);
    for (const id of [0, 1, 2]) v.submit(j(id), 0);
    v.start(j(0), n(0), [Float64Array.of(2000, 50)], 0);
    v.start(j(1), n(0), [Float64Array.of(2000, 50)], 0);
    expect(() => v.start(j(2), n(0), [Float64Array.of(0, 1)], 0)).toThrow(/over-allocated at 0 in resource 1: job 2 takes 1 with 100 of 100 held by job\(s\) 0, 1/);
  });

  it.each([
    ['a node given twice', (v: ScheduleValidator) => (v.submit(j(0), 0), v.submit(j(1), 0), v.start(j(0), n(1), whole(1), 0), v.start(j(1), n(1), whole(1), 5)), /node 1 over-allocated at 5 in resource 0: job 1 takes 1000 with 1000 of 1000 held by job\(s\) 0/],
    ['a start before submission', (v: ScheduleValidator) => (v.submit(j(0), 10), v.start(j(0), n(0), whole(1), 5)), /started at 5, before its submission at 10/],
    ['a double start', (v: ScheduleValidator) => (v.submit(j(0), 0), v.start(j(0), n(0), whole(1), 0), v.end(j(0), n(0), 1), v.start(j(0), n(0), whole(1), 2)), /started twice/],
    ['a double end', (v: ScheduleValidator) => (v.submit(j(0), 0), v.start(j(0), n(0), whole(1), 0), v.end(j(0), n(0), 1), v.end(j(0), n(0), 2)), /ended twice/],
    ['a job that never ends', (v: ScheduleValidator) => (v.submit(j(0), 0), v.start(j(0), n(0), whole(1), 0), v.finish()), /job 0 never ended/],
  ])('rejects %s', (_, act, message) => {
    expect(() => act(new ScheduleValidator(cpu1()))).toThrow(message);
  });
});
