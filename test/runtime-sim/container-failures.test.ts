import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { makePlanner, type ClusterSpec } from '../../core/index.js';
import { DEFAULT_CONTAINER_COSTS as C, pullDuration, resolveContainerCosts, Simulation, type ContainerCosts, type SimJob } from '../../runtime-sim/index.js';
import { containerJobsToSim, type ContainerJob, type ContainerStep } from '../../traces/container/index.js';
import { simJob } from '../support/builders.js';
import { containerStep, podJob, res, TWO_NODES } from '../support/container-jobs.js';

const CLUSTER = TWO_NODES;
const step = (seconds: number, extra: Partial<ContainerStep> = {}, imageSizeMiB = 100): ContainerStep => containerStep('a:1', seconds, extra, imageSizeMiB);

function costs(overrides: object): ContainerCosts {
  const r = resolveContainerCosts(overrides);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.value;
}

function simulate(jobs: readonly ContainerJob[], o: { costs?: ContainerCosts; random?: () => number; plain?: readonly SimJob[]; stepCycle?: number } = {}) {
  const sim = containerJobsToSim(jobs, CLUSTER);
  if (!sim.ok) throw new Error(sim.issues.join('; '));
  const s = new Simulation([...sim.value, ...(o.plain ?? [])], {
    cluster: CLUSTER,
    planner: makePlanner('cranesched')!,
    ...(o.costs === undefined ? {} : { containerCosts: o.costs }),
    ...(o.random === undefined ? {} : { random: o.random }),
    ...(o.stepCycle === undefined ? {} : { stepCycle: o.stepCycle }),
  });
  return { result: s.run(), sim: s };
}

function plainJob(id: string, submit: number, run: number, cpus: number): SimJob {
  const j = simJob({ id, submit, run, nodes: 1 });
  return { ...j, spec: { ...j.spec, partition: 'p', request: { nodeCount: 2, perNode: { cpuMilli: cpus * 1000, memMiB: 256 } } } };
}

describe('a Pod that fails to start (seeded sandbox failures)', () => {
  it('fails the job with the Pod status and no primary, tears the Pod down and frees the allocation', () => {
    // a two-node job whose sandboxes fail; a plain job needing both whole nodes waits for it
    const { result, sim } = simulate([podJob('p', [step(10)], { resources: res(8, 2) })], {
      costs: costs({ podFailureRate: 1 }),
      random: seedrandom('t'),
      plain: [plainJob('plain', 0, 5, 8)], // submitted with it (seconds), queued behind it
    });
    const pod = result.jobs.find((j) => j.view.spec.externalId === 'p')!.view;
    expect(pod.state).toBe('Failed');
    expect(pod.exitCode).toBe(323);
    expect(pod.endTime).toBe(C.podStart + C.podStop);
    expect(result.steps!.filter((r) => r.externalId === 'p')).toEqual([]); // no primary, no step ran
    expect(result.podStats!.sandboxFailures).toBe(2);
    expect(sim.scheduler.refusedStepReports).toBe(0);
    expect(sim.pods.leftovers).toBe(0);
    const plain = result.jobs.find((j) => j.view.spec.externalId === 'plain')!.view;
    expect(plain.startTime).toBe(pod.endTime); // the allocation was given back when the Pod was released
    expect(plain.state).toBe('Completed');
  });

  it('draws per sandbox from the seeded source, deterministically, and nothing at rate 0', () => {
    const jobs = Array.from({ length: 30 }, (_, i) => podJob(`j${i}`, [step(5)], { submitTime: i * 1000 }));
    const run = (seed: string) => {
      const { result } = simulate(jobs, { costs: costs({ podFailureRate: 0.3 }), random: seedrandom(seed) });
      return result.jobs.map((j) => `${j.view.spec.externalId}:${j.view.state}:${j.view.exitCode}:${j.view.endTime}`);
    };
    const a = run('s1');
    expect(run('s1')).toEqual(a);
    expect(run('s2')).not.toEqual(a);
    const failed = a.filter((x) => x.includes(':Failed:323:')).length;
    expect(failed).toBeGreaterThan(0);
    expect(failed).toBeLessThan(30);
    // at the default rate 0 the random source is never asked
    const never = () => {
      throw new Error('drawn');
    };
    expect(simulate(jobs, { random: never }).result.jobs.every((j) => j.view.state === 'Completed')).toBe(true);
  });

  it('refuses a failure rate without a random source, and bad rates in a cost file', () => {
    expect(() => simulate([podJob('p', [])], { costs: costs({ podFailureRate: 0.1 }) })).toThrow(/random/);
    expect(resolveContainerCosts({ podFailureRate: 1.5 }).ok).toBe(false);
    expect(resolveContainerCosts({ ignoreSigterm: 'yes' }).ok).toBe(false);
  });
});

describe('stopping a killed container', () => {
  const limited = (steps: ContainerStep[]) => [podJob('p', steps, { timeLimit: 60_000 })];
  const runningAt = C.podStart + pullDuration(100, C) + C.containerStart;

  it('charges the full stop grace when containers ignore SIGTERM, holding the allocation until then', () => {
    const { result } = simulate(limited([step(100)]), { costs: costs({ ignoreSigterm: true }) });
    const [primary, s2] = result.steps!;
    expect(primary).toMatchObject({ finalState: 'ExceedTimeLimit', endTime: C.podStart + 60_000 }); // a host script: at once
    expect(s2).toMatchObject({ finalState: 'Cancelled', exitCode: 320, endTime: C.podStart + 60_000 + C.stopGrace });
    expect(result.jobs[0]!.view.endTime).toBe(C.podStart + 60_000 + C.stopGrace + C.podStop);
  });

  it('never past the container\'s own end, and not at all before it runs', () => {
    // step 2 would end 65 s after it runs, inside the grace: it ends then (with the kill's status)
    const own = simulate(limited([step(65 - runningAt / 1000 + C.podStart / 1000)]), { costs: costs({ ignoreSigterm: true }) }).result;
    const ownEnd = runningAt + Math.round((65 - runningAt / 1000 + C.podStart / 1000) * 1000);
    expect(own.steps![1]).toMatchObject({ finalState: 'Cancelled', endTime: ownEnd });
    // a 3 GiB image is still being pulled at the limit: nothing to stop, the step ends at once
    const pulling = simulate([podJob('p', [step(100, {}, 3000)], { timeLimit: 20_000 })], { costs: costs({ ignoreSigterm: true, pull: { timeout: null } }) }).result;
    expect(pulling.steps![1]).toMatchObject({ finalState: 'Cancelled', endTime: C.podStart + 20_000 });
    expect(pulling.jobs[0]!.view.endTime).toBe(C.podStart + 20_000 + C.podStop);
  });
});

describe('the CraneSched step cycle (stepCycle: 100 ms)', () => {
  const jobs = [podJob('p', [step(10), step(20), step(5, { append: { mode: 'parallel' } })])];

  it('configures each appended step at the first cycle boundary at or after its submission', () => {
    const eventDriven = simulate(jobs).result.steps!.filter((r) => r.role === 'common');
    const cycled = simulate(jobs, { stepCycle: 100 }).result.steps!.filter((r) => r.role === 'common');
    expect(eventDriven[0]!.configuredTime).toBe(C.podStart); // 425: at once
    const boundary = (t: number): number => Math.ceil(t / 100) * 100;
    // step 2 when the primary runs (425), step 3 when step 2 ends, step 4 (parallel with 3, no room
    // beside it in the 4-CPU job) when step 3 ends: each at the next boundary
    expect(cycled.map((r) => r.configuredTime)).toEqual([500, boundary(cycled[0]!.endTime), boundary(cycled[1]!.endTime)]);
    expect(cycled[1]!.configuredTime).toBeGreaterThan(cycled[0]!.endTime); // 10 s + pull + start do not land on a boundary
    expect(cycled.map((r) => r.finalState)).toEqual(['Completed', 'Completed', 'Completed']);
    // the same steps run as long; only the cycle waits differ
    expect(cycled.map((r) => r.endTime - r.startTime)).toEqual(eventDriven.map((r) => r.endTime - r.startTime));
  });

  it('leaves plain jobs and runs without it unchanged, and refuses a bad period', () => {
    expect(simulate(jobs, {}).result.jobs[0]!.view.endTime).toBe(simulate(jobs).result.jobs[0]!.view.endTime);
    expect(() => simulate(jobs, { stepCycle: 0 })).toThrow(/step cycle/);
  });
});
