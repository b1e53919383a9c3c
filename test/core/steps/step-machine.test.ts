import { describe, expect, it } from 'vitest';
import { limitEndsAt, makeStepId, newStep, stepTransition, type StepEvent, type StepRecord } from '../../../core/steps/index.js';
import { CONTAINER, node } from './builders.js';

const ok = { status: 'Completed', exitCode: 0 } as const;
const bad = { status: 'Failed', exitCode: 2 } as const;
const cancel = { status: 'Cancelled', exitCode: 320 } as const;

const pending = newStep(makeStepId(2), 'common', CONTAINER, 100, 20_000);

/** Applies events that must all be accepted. */
function run(step: StepRecord, ...events: StepEvent[]): StepRecord {
  return events.reduce((s, e) => {
    const next = stepTransition(s, e);
    if (!next.ok) throw new Error(next.message);
    return next.step;
  }, step);
}

const placed2 = run(pending, { type: 'Schedule', nodes: [node(0), node(1)], time: 500 });

describe('step state machine', () => {
  it.each<[string, StepRecord, StepEvent[], string, unknown]>([
    ['schedule: Pending -> Configuring', pending, [{ type: 'Schedule', nodes: [node(0)], time: 5 }], 'Configuring', null],
    ['one node started of two: still Configuring', placed2, [{ type: 'NodeStarted', node: node(0) }], 'Configuring', null],
    ['all nodes started: Running', placed2, [{ type: 'NodeStarted', node: node(0) }, { type: 'NodeStarted', node: node(1) }], 'Running', null],
    ['one node ended of two: Completing', placed2, [{ type: 'NodeStarted', node: node(0) }, { type: 'NodeStarted', node: node(1) }, { type: 'NodeEnded', node: node(0), end: ok }], 'Completing', null],
    [
      'both ended, one failed: Failed with its code',
      placed2,
      [{ type: 'NodeStarted', node: node(0) }, { type: 'NodeStarted', node: node(1) }, { type: 'NodeEnded', node: node(0), end: ok }, { type: 'NodeEnded', node: node(1), end: bad }],
      'Failed',
      bad,
    ],
    ['prepare failure (image pull) while Configuring ends it', run(pending, { type: 'Schedule', nodes: [node(0)], time: 0 }), [{ type: 'NodeEnded', node: node(0), end: { status: 'Failed', exitCode: 323 } }], 'Failed', { status: 'Failed', exitCode: 323 }],
    ['kill while Pending: Cancelled at once', pending, [{ type: 'Kill', end: cancel }], 'Cancelled', cancel],
    ['kill while Configuring: Completing, waits for its nodes', placed2, [{ type: 'Kill', end: cancel }], 'Completing', null],
    ['killed, then nodes report the kill: Cancelled', placed2, [{ type: 'Kill', end: cancel }, { type: 'NodeEnded', node: node(0), end: cancel }, { type: 'NodeEnded', node: node(1), end: cancel }], 'Cancelled', cancel],
    ['a late start while Completing does not go back to Running', placed2, [{ type: 'Kill', end: cancel }, { type: 'NodeStarted', node: node(0) }], 'Completing', null],
  ])('%s', (_name, from, events, status, end) => {
    const s = run(from, ...events);
    expect(s.status).toBe(status);
    expect(s.end).toEqual(end);
  });

  it.each<[string, StepRecord, StepEvent, RegExp]>([
    ['a start while Pending', pending, { type: 'NodeStarted', node: node(0) }, /no start is expected while Pending/],
    ['an end while Pending', pending, { type: 'NodeEnded', node: node(0), end: ok }, /runs nowhere/],
    ['a report from a foreign node', placed2, { type: 'NodeStarted', node: node(7) }, /node 7 is not one of the step's/],
    ['a second schedule', placed2, { type: 'Schedule', nodes: [node(0)], time: 9 }, /only a Pending step/],
    ['a schedule with no nodes', pending, { type: 'Schedule', nodes: [], time: 9 }, /no nodes/],
    ['a second start', run(placed2, { type: 'NodeStarted', node: node(0) }), { type: 'NodeStarted', node: node(0) }, /already reported/],
    ['a second end', run(placed2, { type: 'NodeEnded', node: node(0), end: ok }), { type: 'NodeEnded', node: node(0), end: bad }, /already ended/],
    ['anything after the end', run(pending, { type: 'Kill', end: cancel }), { type: 'Kill', end: cancel }, /the step has ended/],
  ])('refuses %s', (_name, from, event, message) => {
    const r = stepTransition(from, event);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(message);
  });

  it('keeps the first kill', () => {
    const s = run(placed2, { type: 'Kill', end: { status: 'ExceedTimeLimit', exitCode: 325 } }, { type: 'Kill', end: cancel });
    expect(s.killedWith).toEqual({ status: 'ExceedTimeLimit', exitCode: 325 });
  });

  it('arms the time limit when the step is configured, before any pull (limit 20 s from t = 500 ms)', () => {
    expect(limitEndsAt(pending)).toBeNull();
    expect(limitEndsAt(placed2)).toBe(20_500);
  });
});
