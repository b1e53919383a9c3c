import { describe, expect, it } from 'vitest';
import { AccountsDirectory } from '../../../core/index.js';
import { perNodeRequest, toSimJob, type SpecContext } from '../../../experiments/scenario/index.js';
import type { JobRequest, ScenarioJob } from '../../../traces/scenario/index.js';
import { buildAccounts, buildCluster } from '../../core/accounts/fixture.js';

const cluster = buildCluster((raw) => {
  (raw['Partitions'] as unknown[]).push(
    { name: 'capped', nodes: 'cn[1-4]', DefaultMemPerCpu: 1024, MaxMemPerCpu: '8G', MaxMemPerNode: '32G' },
    { name: 'pernode', nodes: 'cn[1-4]', DefaultMemPerNode: '4G' },
    { name: 'auto', nodes: 'cn[1-4]' },
  );
});
const partition = (name: string) => cluster.partitions.find((p) => p.name === name)!;

const request = (r: Partial<JobRequest> = {}): JobRequest => ({ nodeCount: 1, ntasks: 1, ntasksPerNode: null, cpusPerTaskMilli: 1000, memory: { kind: 'partition-default' }, gresPerNode: [], ...r });

describe('perNodeRequest: CraneSched tasks and memory folded into one per-node request', () => {
  it.each([
    // 8 tasks x 1 CPU on 1 node; memory 8 CPUs x DefaultMemPerCpu 1024
    ['8 tasks on one node', request({ ntasks: 8 }), 'CPU', { cpuMilli: 8000, memMiB: 8192 }],
    // 5 tasks on 2 nodes: ceil(5/2) = 3 per node -> 3 CPUs, 3 x 1024 MiB
    ['an uneven layout asks the larger share on every node', request({ nodeCount: 2, ntasks: 5 }), 'CPU', { cpuMilli: 3000, memMiB: 3072 }],
    // 4 tasks x 0.5 CPU = 2 CPUs; --mem-per-cpu 1024 -> 2048
    ['fractional CPUs with --mem-per-cpu', request({ ntasks: 4, cpusPerTaskMilli: 500, memory: { kind: 'per-cpu', mib: 1024 } }), 'CPU', { cpuMilli: 2000, memMiB: 2048 }],
    // 0.333 CPU x 1001 MiB = 333.333 -> rounded up to 334
    ['memory rounds up to whole MiB', request({ cpusPerTaskMilli: 333, memory: { kind: 'per-cpu', mib: 1001 } }), 'CPU', { cpuMilli: 333, memMiB: 334 }],
    // --mem 64G clamped to MaxMemPerNode 32G
    ['--mem is clamped to MaxMemPerNode', request({ memory: { kind: 'per-node', mib: 65536 } }), 'capped', { cpuMilli: 1000, memMiB: 32768 }],
    // --mem-per-cpu 16G clamped to MaxMemPerCpu 8G, x 2 CPUs
    ['--mem-per-cpu is clamped to MaxMemPerCpu', request({ ntasks: 2, memory: { kind: 'per-cpu', mib: 16384 } }), 'capped', { cpuMilli: 2000, memMiB: 16384 }],
    ['DefaultMemPerNode', request({ ntasks: 4 }), 'pernode', { cpuMilli: 4000, memMiB: 4096 }],
    // no default: 4 x 32 GiB / 4 x 8 CPUs = 4096 MiB per CPU, x 2 CPUs
    ['no default: the partition memory per CPU', request({ ntasks: 2 }), 'auto', { cpuMilli: 2000, memMiB: 8192 }],
    ['an unknown partition gives no memory', request({ ntasks: 2 }), undefined, { cpuMilli: 2000, memMiB: 0 }],
  ] as const)('%s', (_name, r, part, perNode) => {
    expect(perNodeRequest(r, part === undefined ? undefined : partition(part))).toEqual({ nodeCount: r.nodeCount, perNode });
  });

  it('GRES pass through per node', () => {
    const gres = [{ name: 'gpu', type: 'a100', count: 2 }];
    expect(perNodeRequest(request({ nodeCount: 2, ntasks: 2, gresPerNode: gres }), partition('CPU')).perNode.gres).toEqual(gres);
  });
});

const job = (over: Partial<ScenarioJob> = {}): ScenarioJob => ({
  id: 'j1',
  line: 7,
  submitTime: 60_000,
  user: 'alice',
  account: null,
  partition: null,
  qos: null,
  request: request(),
  timeLimit: 600_000,
  beginTime: null,
  deadline: null,
  hold: false,
  dependency: null,
  exclusive: false,
  nodeList: [],
  excludeList: [],
  reservation: null,
  requeue: null,
  runtime: 30_000,
  outcome: 'Completed',
  exitCode: 0,
  ...over,
});

describe('toSimJob: a scenario job as the simulator submits it', () => {
  const ctx: SpecContext = { cluster: buildCluster(), directory: new AccountsDirectory(buildAccounts()), shortLimits: 'raise', dropReservations: false };

  it("fills in the names CraneSched would: the user's default account, DefaultPartition, the association's default QoS", () => {
    const { sim } = toSimJob(job(), ctx);
    expect([sim.spec.account, sim.spec.partition, sim.spec.qos]).toEqual(['vision', 'CPU', 'normal']);
    expect(sim).toMatchObject({ submitTime: 60_000, runtime: 30_000, outcome: 'Completed', exitCode: 0 });
    expect(sim.spec).toMatchObject({ externalId: 'j1', user: 'alice', timeLimit: 600_000, request: { nodeCount: 1, perNode: { cpuMilli: 1000, memMiB: 1024 } } });
  });

  it('keeps given names; root gets UNLIMITED; an unknown user keeps what cannot be resolved empty', () => {
    expect(toSimJob(job({ account: 'physics', qos: 'long' }), ctx).sim.spec).toMatchObject({ account: 'physics', qos: 'long' });
    expect(toSimJob(job({ user: 'root' }), ctx).sim.spec).toMatchObject({ account: 'lab', qos: 'UNLIMITED' });
    expect(toSimJob(job({ user: 'zed' }), ctx).sim.spec).toMatchObject({ account: '', partition: 'CPU', qos: '' });
  });

  it('a time limit under 11 s is raised for traces and kept for hand-written jobs; none stays none', () => {
    expect(toSimJob(job({ timeLimit: 1000 }), ctx)).toMatchObject({ raised: true, sim: { spec: { timeLimit: 11_000 } } });
    expect(toSimJob(job({ timeLimit: 1000 }), { ...ctx, shortLimits: 'keep' })).toMatchObject({ raised: false, sim: { spec: { timeLimit: 1000 } } });
    expect(toSimJob(job({ timeLimit: 11_000 }), ctx).raised).toBe(false);
    expect('timeLimit' in toSimJob(job({ timeLimit: null }), ctx).sim.spec).toBe(false);
  });

  it('carries hold, begin, deadline, dependencies, exclusive, node lists and requeue; -r only when reservations are kept', () => {
    const dependency = { mode: 'any', items: [{ type: 'afterok', job: 'j0', delay: 600_000 }] } as const;
    const full = job({ hold: true, beginTime: 1000, deadline: 9_000_000, dependency, exclusive: true, nodeList: ['cn1', 'cn2'], excludeList: ['cn3'], reservation: 'r1', requeue: false });
    expect(toSimJob(full, ctx).sim.spec).toMatchObject({
      hold: true,
      beginTime: 1000,
      deadline: 9_000_000,
      dependencies: dependency,
      reservation: 'r1',
      requeue: false,
      request: { exclusive: true, includeNodes: ['cn1', 'cn2'], excludeNodes: ['cn3'] },
    });
    const dropped = toSimJob(full, { ...ctx, dropReservations: true });
    expect(dropped.reservationDropped).toBe(true);
    expect('reservation' in dropped.sim.spec).toBe(false);
  });
});
