import { describe, expect, it } from 'vitest';
import { CANCELLED, makeStepId, PRIMARY_STEP_ID, type JobSteps, type StepAction, type StepOutcome } from '../../../core/steps/index.js';
import { batchJob, cconJob, jobOn, node, podJob, PROCESS, readyAll, request, step, vec } from './builders.js';

const ok = { status: 'Completed', exitCode: 0 } as const;
const s2 = makeStepId(2);
const s3 = makeStepId(3);
const s4 = makeStepId(4);

function actions(o: StepOutcome): readonly StepAction[] {
  if (!o.ok) throw new Error(o.message);
  return o.actions;
}
const types = (as: readonly StepAction[]): string[] => as.map((a) => ('stepId' in a ? `${a.type}:${a.stepId}` : a.type));

/** Starts `id` on all its nodes and returns the actions. */
function startAll(job: JobSteps, id: ReturnType<typeof makeStepId>): StepAction[] {
  return job.step(id)!.nodes.flatMap((n) => [...actions(job.observe({ type: 'StepNodeStarted', stepId: id, node: n }, 0))]);
}
function endAll(job: JobSteps, id: ReturnType<typeof makeStepId>, end = ok, now = 0): StepAction[] {
  return job.step(id)!.nodes.flatMap((n) => [...actions(job.observe({ type: 'StepNodeEnded', stepId: id, node: n, end }, now))]);
}

describe('ccon run', () => {
  it('Pod ready on every node -> the container primary starts on every node, taking the whole pool; the job ends with it', () => {
    const job = jobOn(cconJob(60_000), 2, vec(2000, 4096));
    const first = actions(job.observe({ type: 'DaemonReady', node: node(0) }, 10));
    expect(first).toEqual([]); // one node of two: the primary waits for every Pod
    const second = actions(job.observe({ type: 'DaemonReady', node: node(1) }, 20));
    expect(second).toMatchObject([{ type: 'StartStep', stepId: PRIMARY_STEP_ID, nodes: [node(0), node(1)], timeLimit: 60_000 }]);
    expect(Array.from(job.freeOn(node(0)))).toEqual([0, 0, 0]);
    expect(job.view().status).toBe('Configuring'); // image pulls still going
    expect(types(startAll(job, PRIMARY_STEP_ID))).toEqual(['JobRunning']);
    expect(job.view().status).toBe('Running');
    expect(types(endAll(job, PRIMARY_STEP_ID, { status: 'Failed', exitCode: 265 }))).toEqual(['StepEnded:1', 'ReleaseDaemon']);
    expect(job.view().status).toBe('Completing');
    expect(actions(job.observe({ type: 'DaemonReleased' }, 99))).toEqual([{ type: 'JobEnded', end: { status: 'Failed', exitCode: 265 } }]);
    expect(job.view()).toMatchObject({ status: 'Failed', daemon: 'Released', end: { status: 'Failed', exitCode: 265 } });
    expect(job.observe({ type: 'DaemonReleased' }, 100)).toMatchObject({ ok: false });
  });

  it('a step over what the primary left waits; over the job total it is refused', () => {
    const job = jobOn(cconJob(), 1, vec(2000, 4096));
    readyAll(job);
    expect(job.submitStep(step(request(1, 1000, 512)), 0)).toEqual({ ok: true, stepId: s2 });
    expect(job.schedule(0)).toEqual([]); // the ccon primary holds everything
    expect(job.submitStep(step(request(1, 4000, 512)), 0)).toMatchObject({ ok: false, code: 'ERR_STEP_RES_BEYOND' });
  });
});

describe('cbatch --pod', () => {
  it('the script runs on the first node, steps share the whole allocation in FIFO order', () => {
    const job = jobOn(podJob(), 2, vec(4000, 8192));
    const [, last] = readyAll(job);
    expect(actions(last!)).toMatchObject([{ type: 'StartStep', stepId: PRIMARY_STEP_ID, nodes: [node(0)] }]);
    startAll(job, PRIMARY_STEP_ID);
    expect(job.submitStep(step(request(2, 4000, 8192)), 1).ok).toBe(true); // 2: the whole allocation
    expect(job.submitStep(step(request(1, 1000, 1024)), 2).ok).toBe(true); // 3: waits behind 2
    const started = job.schedule(3);
    expect(types(started)).toEqual(['StartStep:2']);
    expect(job.schedule(4)).toEqual([]); // 3 fits nowhere while 2 runs
    startAll(job, s2);
    expect(types(endAll(job, s2, { status: 'Failed', exitCode: 1 }))).toEqual(['StepEnded:2']);
    expect(job.view().status).toBe('Running'); // a failed common step does not fail the job
    expect(types(job.schedule(5))).toEqual(['StartStep:3']);
  });

  it("FIFO blocks behind a head step that does not fit; backfill lets later ones pass", () => {
    for (const order of ['fifo', 'backfill'] as const) {
      const job = jobOn(podJob(), 1, vec(4000, 8192), { stepOrder: order });
      readyAll(job);
      job.submitStep(step(request(1, 3000, 1024)), 0); // 2
      job.submitStep(step(request(1, 2000, 1024)), 0); // 3: 1000 left, does not fit
      job.submitStep(step(request(1, 1000, 1024)), 0); // 4: would fit in the 1000 left
      expect(types(job.schedule(1))).toEqual(order === 'fifo' ? ['StartStep:2'] : ['StartStep:2', 'StartStep:4']);
      expect(job.step(s3)!.status).toBe('Pending');
      expect(job.step(s4)!.status).toBe(order === 'fifo' ? 'Pending' : 'Configuring');
    }
  });

  it('when the script ends: pending steps cancelled, running ones killed, Pod torn down after them, job takes the script\'s end', () => {
    const job = jobOn(podJob(), 1, vec(2000, 4096));
    readyAll(job);
    startAll(job, PRIMARY_STEP_ID);
    job.submitStep(step(request(1, 2000, 4096)), 0); // 2: runs
    job.submitStep(step(request(1, 1000, 1024)), 0); // 3: pending behind it
    job.schedule(0);
    startAll(job, s2);
    const end = endAll(job, PRIMARY_STEP_ID, { status: 'Failed', exitCode: 3 });
    expect(end).toEqual([
      { type: 'StepEnded', stepId: PRIMARY_STEP_ID, end: { status: 'Failed', exitCode: 3 } },
      { type: 'StepEnded', stepId: s3, end: CANCELLED },
      { type: 'KillStep', stepId: s2, nodes: [node(0)], end: CANCELLED },
    ]);
    expect(job.submitStep(step(request(1, 10, 10)), 0)).toMatchObject({ ok: false, code: 'ERR_INVALID_JOB_ID' });
    expect(types(endAll(job, s2, CANCELLED))).toEqual(['StepEnded:2', 'ReleaseDaemon']);
    expect(actions(job.observe({ type: 'DaemonReleased' }, 1))).toEqual([{ type: 'JobEnded', end: { status: 'Failed', exitCode: 3 } }]);
  });
});

describe('failures', () => {
  it('a Pod that fails to start fails the job with no primary', () => {
    const job = jobOn(podJob(), 2, vec(1000, 1024));
    job.submitStep(step(request(1, 500, 512)), 0); // submitted while Configuring
    actions(job.observe({ type: 'DaemonReady', node: node(0) }, 0));
    const failed = actions(job.observe({ type: 'DaemonFailed', node: node(1), end: { status: 'Failed', exitCode: 323 } }, 0));
    expect(types(failed)).toEqual(['StepEnded:2', 'ReleaseDaemon']);
    expect(actions(job.observe({ type: 'DaemonReleased' }, 0))).toEqual([{ type: 'JobEnded', end: { status: 'Failed', exitCode: 323 } }]);
    expect(job.step(PRIMARY_STEP_ID)).toBeUndefined();
  });

  it('an image pull failure of the ccon primary fails the job (323), never Running', () => {
    const job = jobOn(cconJob(), 1, vec(1000, 1024));
    readyAll(job);
    const r = endAll(job, PRIMARY_STEP_ID, { status: 'Failed', exitCode: 323 });
    expect(types(r)).toEqual(['StepEnded:1', 'ReleaseDaemon']);
    expect(types([...actions(job.observe({ type: 'DaemonReleased' }, 0))])).toEqual(['JobEnded']);
    expect(job.view().end).toEqual({ status: 'Failed', exitCode: 323 });
  });

  it('a step time limit counts the image pull: armed when the step is configured', () => {
    const job = jobOn(podJob(), 1, vec(2000, 4096));
    readyAll(job);
    startAll(job, PRIMARY_STEP_ID);
    job.submitStep(step(request(1, 1000, 1024), undefined, 20_000), 0);
    job.schedule(1_000); // configured at 1 s: the limit fires at 21 s
    expect(job.nextTimeLimit()).toBe(21_000);
    startAll(job, s2); // say the pull took 15 s: runs from 16 s
    expect(job.expireTimeLimits(20_999)).toEqual([]);
    expect(job.expireTimeLimits(21_000)).toEqual([{ type: 'KillStep', stepId: s2, nodes: [node(0)], end: { status: 'ExceedTimeLimit', exitCode: 325 } }]);
    expect(job.expireTimeLimits(30_000)).toEqual([]); // killed once
    expect(types(endAll(job, s2, { status: 'ExceedTimeLimit', exitCode: 325 }))).toEqual(['StepEnded:2']);
    expect(job.view().status).toBe('Running');
  });

  it('the job time limit kills the primary and the job ends ExceedTimeLimit', () => {
    const job = jobOn(cconJob(60_000), 1, vec(1000, 1024));
    readyAll(job, 5);
    startAll(job, PRIMARY_STEP_ID);
    expect(types(job.expireTimeLimits(60_005))).toEqual(['KillStep:1']);
    endAll(job, PRIMARY_STEP_ID, { status: 'ExceedTimeLimit', exitCode: 325 });
    expect(actions(job.observe({ type: 'DaemonReleased' }, 0))).toEqual([{ type: 'JobEnded', end: { status: 'ExceedTimeLimit', exitCode: 325 } }]);
  });

  it('a lost node fails the job with 326', () => {
    const job = jobOn(podJob(), 2, vec(1000, 1024));
    readyAll(job);
    startAll(job, PRIMARY_STEP_ID);
    job.submitStep(step(request(2, 500, 512)), 0);
    job.schedule(0);
    const down = actions(job.observe({ type: 'NodeDown', node: node(1) }, 0));
    // step 2 ended on node 1; the primary (node 0) is killed, and its kill cascades to step 2 on node 0
    expect(types(down)).toEqual(['KillStep:1', 'KillStep:2']);
    expect(down[1]).toMatchObject({ nodes: [node(0)], end: CANCELLED });
    expect(job.step(s2)!.status).toBe('Completing');
    expect(types(endAll(job, PRIMARY_STEP_ID, { status: 'Failed', exitCode: 326 }))).toEqual(['StepEnded:1']);
    expect(types([...actions(job.observe({ type: 'StepNodeEnded', stepId: s2, node: node(0), end: CANCELLED }, 0))])).toEqual(['StepEnded:2', 'ReleaseDaemon']);
    expect(job.step(s2)!.end).toEqual({ status: 'Failed', exitCode: 326 }); // 326 beats 320
    expect(actions(job.observe({ type: 'DaemonReleased' }, 0))).toEqual([{ type: 'JobEnded', end: { status: 'Failed', exitCode: 326 } }]);
  });

  it('cancel before the Pod is ready: no primary, job Cancelled 320', () => {
    const job = jobOn(cconJob(), 1, vec(1000, 1024));
    expect(types([...actions(job.killJob(CANCELLED))])).toEqual(['ReleaseDaemon']);
    expect(job.observe({ type: 'DaemonReady', node: node(0) }, 0)).toMatchObject({ ok: false });
    actions(job.observe({ type: 'DaemonReleased' }, 0));
    expect(job.view().end).toEqual(CANCELLED);
  });

  it('cancelling a pending step ends it at once; cancelling the primary ends the job', () => {
    const job = jobOn(podJob(), 1, vec(1000, 1024));
    readyAll(job);
    job.submitStep(step(request(1, 1000, 1024)), 0);
    job.submitStep(step(request(1, 1000, 1024)), 0);
    job.schedule(0);
    expect(actions(job.cancelStep(s3))).toEqual([{ type: 'StepEnded', stepId: s3, end: CANCELLED }]);
    expect(job.cancelStep(s3)).toMatchObject({ ok: false });
    expect(job.cancelStep(makeStepId(0))).toMatchObject({ ok: false });
    expect(types([...actions(job.cancelStep(PRIMARY_STEP_ID))])).toEqual(['KillStep:1', 'KillStep:2']);
  });
});

describe('submission checks', () => {
  it.each([
    ['a container step into a Batch job', batchJob(), step(request(1, 100, 100)), 'ERR_INVALID_PARAM'],
    ['another user', podJob(), { ...step(request(1, 100, 100)), user: 'bob' }, 'ERR_PERMISSION_DENIED'],
    ['zero memory', podJob(), step(request(1, 100, 0)), 'ERR_INVALID_PARAM'],
    ['a 10 s limit', podJob(), step(request(1, 100, 100), undefined, 10_000), 'ERR_TIME_TIMIT_BEYOND'],
    ['two nodes from a one-node job', podJob(), step(request(2, 100, 100)), 'ERR_NO_ENOUGH_NODE'],
  ] as const)('refuses %s', (_name, spec, s, code) => {
    const job = jobOn(spec, 1, vec(1000, 1024));
    readyAll(job);
    expect(job.submitStep(s, 0)).toMatchObject({ ok: false, code });
  });

  it('accepts a crun step into a Batch job and an 11 s limit', () => {
    const job = jobOn(batchJob(), 1, vec(1000, 1024));
    expect(job.submitStep(step(request(1, 100, 100), PROCESS, 11_000), 0)).toEqual({ ok: true, stepId: s2 });
  });

  it('steps wait for the Pod: nothing starts while the daemon configures', () => {
    const job = jobOn(podJob(), 1, vec(1000, 1024));
    job.submitStep(step(request(1, 100, 100)), 0);
    expect(job.schedule(0)).toEqual([]);
    readyAll(job);
    expect(types(job.schedule(0))).toEqual(['StartStep:2']);
  });
});
