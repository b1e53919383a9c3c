import { describe, expect, it } from 'vitest';
import { makeJobId, makeNodeId, makePlanner, makeStepId, ResourceLayout, Scheduler, type Decision, type JobSpec } from '../../../core/index.js';
import { testCluster } from '../../support/cluster.js';

const CLUSTER = testCluster([{ name: 'n0', cpus: 4, memMiB: 4096 }]);
const layout = new ResourceLayout(CLUSTER.nodes.map((n) => n.gres));
const base: JobSpec = { externalId: 'a', user: 'u', account: '', partition: 'p', qos: '', request: { nodeCount: 1, perNode: { cpuMilli: 4000, memMiB: 4096 } }, timeLimit: 100_000 };
const pod = { labels: {}, network: 'default' as const, ports: [], dns: [] };
const stepSpec = (cpus: number, user = 'u') => ({ user, payload: { kind: 'process' as const }, request: { nodeCount: 1, perNode: layout.request(cpus * 1000, 512, [])! } });
const types = (ds: readonly Decision[]) => ds.map((d) => d.type);

/** The cranesched planner passes on the wake-up of the instant: run the instant's cycles, drop the wake-ups at `now`. */
function cycle(s: Scheduler, now: number): Decision[] {
  const out: Decision[] = [];
  for (let i = 0; i < 5; i++) {
    const ds = s.schedule(now);
    out.push(...ds.filter((d) => !(d.type === 'WakeAt' && d.time === now)));
    if (!ds.some((d) => d.type === 'WakeAt' && d.time === now)) break;
  }
  return out;
}

describe('the scheduler with jobs that have steps', () => {
  it('starts a Container job with CreatePod, its primary once the Pod is ready, and ends it when the Pod is released', () => {
    const s = new Scheduler({ cluster: CLUSTER, planner: makePlanner('cranesched')! });
    const r = s.submit({ ...base, kind: 'Container', pod, primary: { kind: 'script' } }, 0);
    expect(r.ok).toBe(true);
    const job = makeJobId(0);
    const node = makeNodeId(0);
    expect(types(cycle(s, 0))).toEqual(['CreatePod']);
    expect(s.job(job).state).toBe('Configuring');
    s.observe({ type: 'PodReady', jobId: job, node, time: 400 });
    expect(types(cycle(s, 400))).toEqual(['StartStep', 'WakeAt']); // the primary, and its time limit
    s.observe({ type: 'StepStarted', jobId: job, stepId: makeStepId(1), node, time: 400 });
    expect(s.job(job).state).toBe('Running');
    expect(s.submitStep(job, stepSpec(8), 500)).toMatchObject({ ok: false, code: 'ERR_STEP_RES_BEYOND' });
    expect(s.submitStep(job, stepSpec(1, 'v'), 500)).toMatchObject({ ok: false, code: 'ERR_PERMISSION_DENIED' });
    expect(s.submitStep(job, stepSpec(4), 500)).toEqual({ ok: true, stepId: 2 });
    expect(types(cycle(s, 500))).toEqual(['StartStep', 'WakeAt']);
    s.observe({ type: 'StepEnded', jobId: job, stepId: makeStepId(1), node, time: 600, status: 'Failed', exitCode: 3 });
    const after = cycle(s, 600);
    expect(after.find((d) => d.type === 'KillStep')).toMatchObject({ stepId: 2, status: 'Cancelled', exitCode: 320 });
    expect(s.job(job).state).toBe('Completing');
    s.observe({ type: 'StepEnded', jobId: job, stepId: makeStepId(2), node, time: 600, status: 'Cancelled', exitCode: 320 });
    expect(types(cycle(s, 600))).toEqual(['ReleasePod']);
    s.observe({ type: 'PodReleased', jobId: job, time: 800 });
    const view = s.job(job);
    expect([view.state, view.exitCode, view.endTime]).toEqual(['Failed', 3, 800]);
    expect(s.stepsOf(job)).toBeUndefined();
    expect(s.view().freeNodes).toBe(1);
  });

  it('refuses steps into plain jobs, malformed Container jobs at submission, and JobEnded for a job with steps', () => {
    const s = new Scheduler({ cluster: CLUSTER, planner: makePlanner('cranesched')! });
    expect(s.submit({ ...base, externalId: 'x', kind: 'Container' }, 0)).toMatchObject({ ok: false, code: 'ERR_INVALID_PARAM' });
    expect(s.submit({ ...base, externalId: 'y', kind: 'Batch', pod }, 0)).toMatchObject({ ok: false, code: 'ERR_INVALID_PARAM' });
    s.submit(base, 0);
    expect(types(cycle(s, 0))).toEqual(['StartJob']);
    expect(s.submitStep(makeJobId(0), stepSpec(1), 1)).toMatchObject({ ok: false, code: 'ERR_INVALID_JOB_ID' });
    const t = new Scheduler({ cluster: CLUSTER, planner: makePlanner('cranesched')! });
    t.submit({ ...base, kind: 'Batch' }, 0);
    expect(types(cycle(t, 0))).toEqual(['CreatePod']);
    expect(() => t.observe({ type: 'JobEnded', jobId: makeJobId(0), time: 5, outcome: 'Completed', exitCode: 0 })).toThrow(/Pod is released/);
  });

  it('cancels a job before its Pod is ready: no primary, the job ends Cancelled 320 once the Pod is released', () => {
    const s = new Scheduler({ cluster: CLUSTER, planner: makePlanner('cranesched')! });
    s.submit({ ...base, kind: 'Container', pod, primary: { kind: 'script' } }, 0);
    cycle(s, 0);
    expect(s.admin({ type: 'CancelJob', jobId: makeJobId(0) }, 100)).toEqual({ ok: true });
    expect(types(cycle(s, 100))).toEqual(['ReleasePod']);
    s.observe({ type: 'PodReady', jobId: makeJobId(0), node: makeNodeId(0), time: 400 }); // late: refused, counted
    expect(s.refusedStepReports).toBe(1);
    s.observe({ type: 'PodReleased', jobId: makeJobId(0), time: 500 });
    expect(s.job(makeJobId(0))).toMatchObject({ state: 'Cancelled', exitCode: 320 });
  });
});
