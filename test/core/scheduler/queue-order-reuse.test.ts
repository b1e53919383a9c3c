import { describe, expect, it } from 'vitest';
import { makePlanner, Scheduler, type QueueOrder } from '../../../core/index.js';
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

describe('Scheduler reuses the queue order', () => {
  it('at the same now with nothing changed, and computes it again after a change, a start or a new time', () => {
    const { order, calls } = counting();
    const s = new Scheduler({ cluster: testCluster([{ name: 'a', cpus: 2 }]), planner: makePlanner('cranesched')!, order });
    const spec = (id: string, cpus: number) => job({ id, run: 10, cpus }).spec;
    expect(s.submit(spec('x', 2), 0).ok).toBe(true);
    s.schedule(0); // sees the submission: order computed
    expect(calls()).toBe(1);
    const started = s.schedule(0).filter((d) => d.type === 'StartJob'); // the wake-up pass: nothing changed, reused
    expect(started).toHaveLength(1);
    expect(calls()).toBe(1);
    s.schedule(0); // a start since: computed again
    expect(calls()).toBe(2);
    s.schedule(0);
    expect(calls()).toBe(2);
    s.schedule(1000); // time alone may move priorities (age): computed again
    expect(calls()).toBe(3);
    expect(s.submit(spec('y', 1), 1000).ok).toBe(true);
    s.schedule(1000); // a submission: computed again
    expect(calls()).toBe(4);
  });
});
