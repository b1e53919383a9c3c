import { describe, expect, it } from 'vitest';
import { makePlanner, Scheduler, type Planner, type QueueOrder } from '../../../core/index.js';
import { testCluster } from '../../support/cluster.js';
import { job } from '../../support/jobs.js';

/** A submission-order queue order that counts its calls. */
function counting(): { order: QueueOrder; calls: () => number } {
  let calls = 0;
  const order: QueueOrder = (candidates) => {
    calls++;
    return candidates;
  };
  return { order, calls: () => calls };
}

/** A planner that reads the candidates on every cycle and starts nothing. */
const reader: Planner = {
  name: 'reader',
  cycle: (c) => void c.candidates,
  withdrawn: () => {},
  ended: () => {},
  nextWake: () => undefined,
};

const spec = (id: string, cpus: number) => job({ id, run: 10, cpus }).spec;

describe('Scheduler computes the queue order', () => {
  it('only when the planner reads the candidates, and once per cycle', () => {
    const { order, calls } = counting();
    let reads = 0;
    const twice: Planner = { ...reader, cycle: (c) => void (reads += c.candidates.length + c.candidates.length) };
    const s = new Scheduler({ cluster: testCluster([{ name: 'a', cpus: 2 }]), planner: twice, order });
    expect(s.submit(spec('x', 2), 0).ok).toBe(true);
    s.schedule(0);
    expect([calls(), reads]).toEqual([1, 2]);
  });

  it('reuses it at the same now with nothing changed, and computes it again after a change or a new time', () => {
    const { order, calls } = counting();
    const s = new Scheduler({ cluster: testCluster([{ name: 'a', cpus: 2 }]), planner: reader, order });
    expect(s.submit(spec('x', 2), 0).ok).toBe(true);
    s.schedule(0); // sees the submission: computed
    expect(calls()).toBe(1);
    s.schedule(0); // nothing changed: reused
    expect(calls()).toBe(1);
    s.schedule(1000); // time alone may move priorities (age): computed again
    expect(calls()).toBe(2);
    expect(s.submit(spec('y', 1), 1000).ok).toBe(true);
    s.schedule(1000); // a submission: computed again
    expect(calls()).toBe(3);
  });

  it('after a start at the same now (cranesched planning every job)', () => {
    const { order, calls } = counting();
    const s = new Scheduler({ cluster: testCluster([{ name: 'a', cpus: 2 }]), planner: makePlanner('cranesched', { planEveryJob: true })!, order });
    expect(s.submit(spec('x', 1), 0).ok).toBe(true);
    expect(s.submit(spec('y', 2), 0).ok).toBe(true);
    s.schedule(0); // the submissions: the planner only notes the change
    expect(calls()).toBe(0);
    const started = s.schedule(0).filter((d) => d.type === 'StartJob'); // the wake-up pass orders the queue
    expect(started).toHaveLength(1);
    expect(calls()).toBe(1);
  });

  it('not in a cranesched pass in which no job can start (by default)', () => {
    const { order, calls } = counting();
    const s = new Scheduler({ cluster: testCluster([{ name: 'a', cpus: 2 }]), planner: makePlanner('cranesched')!, order });
    expect(s.submit(spec('x', 2), 0).ok).toBe(true);
    s.schedule(0);
    s.schedule(0); // x starts
    expect(calls()).toBe(1);
    expect(s.submit(spec('y', 1), 1000).ok).toBe(true);
    s.schedule(1000);
    s.schedule(1000); // the pass: the node is full, y cannot start; no order needed
    expect(calls()).toBe(1);
    expect(s.view().pending.map((v) => v.pendingReason)).toEqual(['Resource']);
  });
});
