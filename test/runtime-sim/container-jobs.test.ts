import { describe, expect, it } from 'vitest';
import { makePlanner, type ClusterSpec } from '../../core/index.js';
import { DEFAULT_CONTAINER_COSTS as C, pullDuration, Simulation, type SimJob } from '../../runtime-sim/index.js';
import { containerJobsToSim, type ContainerJob, type ContainerStep } from '../../traces/container/index.js';
import { simJob } from '../support/builders.js';
import { containerStep, podJob, res, TWO_NODES } from '../support/container-jobs.js';

const CLUSTER = TWO_NODES;
const step = containerStep;

function plainJob(id: string, submit: number, run: number): SimJob {
  const j = simJob({ id, submit, run, nodes: 1 });
  return { ...j, spec: { ...j.spec, partition: 'p', request: { nodeCount: 1, perNode: { cpuMilli: 1000, memMiB: 256 } } } };
}

function simulate(jobs: readonly ContainerJob[], plain: readonly SimJob[] = []) {
  const sim = containerJobsToSim(jobs, CLUSTER);
  if (!sim.ok) throw new Error(sim.issues.join('; '));
  const s = new Simulation([...sim.value, ...plain], { cluster: CLUSTER, planner: makePlanner('cranesched')! });
  return { result: s.run(), sim: s };
}

describe('a cbatch --pod job in the simulated cluster', () => {
  it('starts its Pod, pulls each image once per node, runs steps one after the other and ends when the Pod is torn down', () => {
    const { result } = simulate([podJob('p', [step('a:1', 10), step('a:1', 20), step('b:1', 5)])]);
    const pull = pullDuration(100, C);
    const rows = result.steps!;
    expect(rows.map((r) => [r.stepId, r.finalState])).toEqual([
      [1, 'Completed'],
      [2, 'Completed'],
      [3, 'Completed'],
      [4, 'Completed'],
    ]);
    const [primary, s2, s3, s4] = rows;
    expect(primary!.configuredTime).toBe(C.podStart);
    expect(s2!.configuredTime).toBe(C.podStart);
    expect(s2!.pullTime).toBe(pull);
    expect(s2!.startTime).toBe(C.podStart + pull + C.containerStart);
    expect(s3!.submitTime).toBe(s2!.endTime); // `after`
    expect(s3!.pullTime).toBe(0); // the same image on the same node: a cache hit
    expect(s3!.startTime - s3!.configuredTime).toBe(C.containerStart);
    expect(s4!.pullTime).toBe(pull);
    // The script waits for its steps (ccon wait), then the Pod is torn down.
    expect(primary!.endTime).toBe(s4!.endTime);
    const view = result.jobs[0]!.view;
    expect(view.state).toBe('Completed');
    expect(view.endTime).toBe(s4!.endTime + C.podStop);
    expect(result.podStats).toMatchObject({ sandboxes: 1, sandboxMs: C.podStart, imageMisses: 2, imageHits: 1 });
  });

  it('refuses a step beyond the job, runs parallel steps side by side, and fails the step, not the job, on a bad exit', () => {
    const { result } = simulate([
      podJob('p', [step('a:1', 10, { resources: res(16) }), step('a:1', 10, { resources: res(2) }), step('a:1', 10, { resources: res(2), append: { mode: 'parallel' }, exitCode: 137 })]),
    ]);
    const rows = result.steps!;
    expect(rows.find((r) => r.finalState === 'Rejected')?.rejectCode).toBe('ERR_STEP_RES_BEYOND');
    const [a, b] = rows.filter((r) => r.role === 'common' && r.finalState !== 'Rejected');
    expect(a!.configuredTime).toBe(b!.configuredTime);
    expect(b!.finalState).toBe('Failed');
    expect(b!.exitCode).toBe(256 + 9);
    expect(result.jobs[0]!.view.state).toBe('Completed');
  });

  it('is killed at its time limit: the primary ends ExceedTimeLimit 325, running steps are cancelled (320), the job takes the primary end', () => {
    const { result } = simulate([podJob('p', [step('a:1', 100), step('a:1', 100)], { timeLimit: 60_000 })]);
    const rows = result.steps!;
    expect(rows[0]).toMatchObject({ stepId: 1, finalState: 'ExceedTimeLimit', exitCode: 325 });
    expect(rows[1]).toMatchObject({ stepId: 2, finalState: 'Cancelled', exitCode: 320 });
    expect(rows).toHaveLength(2); // step 3 was never appended: the primary had ended
    const view = result.jobs[0]!.view;
    expect(view.state).toBe('ExceedTimeLimit');
    expect(view.exitCode).toBe(325);
    // the running step 2 gets SIGTERM and exits after the measured stop latency; then the Pod goes
    expect(rows[1]!.endTime).toBe(C.podStart + 60_000 + C.containerStop);
    expect(view.endTime).toBe(C.podStart + 60_000 + C.containerStop + C.podStop);
  });

  it('holds its whole allocation until its Pod is released, so a plain job waits for it', () => {
    const { result } = simulate([podJob('p', [step('a:1', 10)], { resources: res(8, 2) })], [plainJob('b', 1, 10)]);
    const pod = result.jobs.find((j) => j.view.spec.externalId === 'p')!.view;
    const plain = result.jobs.find((j) => j.view.spec.externalId === 'b')!.view;
    expect(plain.startTime).toBe(pod.endTime);
    expect(result.steps!.every((r) => r.externalId === 'p')).toBe(true);
  });
});
