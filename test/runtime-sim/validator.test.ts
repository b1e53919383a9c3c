import { describe, expect, it } from 'vitest';
import { makeJobId, makeNodeId } from '../../core/index.js';
import { ScheduleValidator } from '../../runtime-sim/index.js';

const j = makeJobId;
const n = (...ids: number[]) => ids.map(makeNodeId);

describe('ScheduleValidator', () => {
  it('accepts a clean schedule with back-to-back use of a node', () => {
    const v = new ScheduleValidator(2);
    v.submit(j(0), 0);
    v.submit(j(1), 0);
    v.start(j(0), n(0, 1), 0);
    v.end(j(0), n(0, 1), 10);
    v.start(j(1), n(0), 10);
    v.end(j(1), n(0), 20);
    expect(() => v.finish()).not.toThrow();
  });

  it.each([
    ['a node given twice', (v: ScheduleValidator) => (v.submit(j(0), 0), v.submit(j(1), 0), v.start(j(0), n(1), 0), v.start(j(1), n(1), 5)), /node 1 given to job 1 at 5 while job 0 still runs/],
    ['a start before submission', (v: ScheduleValidator) => (v.submit(j(0), 10), v.start(j(0), n(0), 5)), /started at 5, before its submission at 10/],
    ['a double start', (v: ScheduleValidator) => (v.submit(j(0), 0), v.start(j(0), n(0), 0), v.end(j(0), n(0), 1), v.start(j(0), n(0), 2)), /started twice/],
    ['a double end', (v: ScheduleValidator) => (v.submit(j(0), 0), v.start(j(0), n(0), 0), v.end(j(0), n(0), 1), v.end(j(0), n(0), 2)), /ended twice/],
    ['a job that never ends', (v: ScheduleValidator) => (v.submit(j(0), 0), v.start(j(0), n(0), 0), v.finish()), /job 0 never ended/],
  ])('rejects %s', (_, act, message) => {
    expect(() => act(new ScheduleValidator(2))).toThrow(message);
  });
});
