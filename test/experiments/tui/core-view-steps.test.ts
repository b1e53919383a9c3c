import { describe, expect, it } from 'vitest';
import { makePlanner } from '../../../core/index.js';
import { CoreViewMapper } from '../../../experiments/tui/core-view.js';
import { Simulation } from '../../../runtime-sim/index.js';
import { containerJobsToSim, type ContainerJob } from '../../../traces/container/index.js';
import { testCluster } from '../../support/cluster.js';

const CLUSTER = testCluster([{ name: 'n1', cpus: 8, memMiB: 8192 }]);
const res = (cpus: number) => ({ nodeCount: 1, perNode: { cpuMilli: cpus * 1000, memMiB: 1024, gres: [] } });
const container = (image: string) => ({ image, imageSizeMiB: 10, args: [], env: {}, mounts: {}, tty: false, stdin: false, detach: false });
const job: ContainerJob = {
  id: 'p',
  submitTime: 0,
  resources: res(8),
  timeLimit: 3600_000,
  pod: { labels: {}, network: 'default', ports: [], dns: [] },
  primary: { kind: 'script', duration: 1000, exitCode: 0, waitForSteps: true },
  steps: [
    { kind: 'container', container: container('a:1'), resources: res(8), duration: 60_000, exitCode: 0, append: { mode: 'after' } },
    { kind: 'container', container: container('b:1'), resources: res(8), duration: 60_000, exitCode: 0, append: { mode: 'parallel' } },
  ],
};

describe('the TUI maps the core view of container jobs', () => {
  it('unfolds a running container job into its Pod and its steps with their states', () => {
    const jobs = containerJobsToSim([job], CLUSTER);
    if (!jobs.ok) throw new Error(jobs.issues.join('; '));
    const sim = new Simulation(jobs.value, { cluster: CLUSTER, planner: makePlanner('cranesched')! });
    sim.advance(30_000);
    const mapper = new CoreViewMapper(sim.scheduler.cluster);
    const snap = mapper.snapshot(sim.scheduler.view(), { finished: 0, rejected: 0, total: 1, events: 0 });
    const row = snap.running[0]!;
    expect(row.state).toBe('Running');
    expect(row.pod).toBe('Running');
    expect(row.steps).toEqual([
      { id: 'p.1', name: 'script', state: 'Running', nodes: 'n1' },
      { id: 'p.2', name: 'a:1', state: 'Running', nodes: 'n1' },
      { id: 'p.3', name: 'b:1', state: 'Pending', nodes: '' }, // FIFO inside the job: waits for room
    ]);
    sim.run();
    const after = mapper.snapshot(sim.scheduler.view(), { finished: 1, rejected: 0, total: 1, events: 0 });
    expect(after.running).toEqual([]);
  });
});
