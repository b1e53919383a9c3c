import { ResourceLayout, type ClusterSpec, type CommonStepSpec, type ContainerMeta, type JobSpec, type PodMeta as CorePodMeta, type StepPayload, type StepRequest } from '../../core/index.js';
import type { SimAppendedStep, SimJob, SimStepsWork } from '../../runtime-sim/index.js';
import type { AppendedStep, ContainerJob, ContainerSpec, PodMeta, StepResources } from './types.js';

/** Who submits a job whose line names no user, account, partition or QoS. */
export interface ContainerJobDefaults {
  readonly user: string;
  readonly account: string;
  /** Absent: the cluster's default partition. */
  readonly partition?: string;
  readonly qos: string;
}

const DEFAULTS: ContainerJobDefaults = { user: 'user', account: '', qos: '' };

export type ToSimResult = { readonly ok: true; readonly value: SimJob[] } | { readonly ok: false; readonly issues: readonly string[] };

/**
 * Container workload jobs as simulated jobs with steps (docs/container-jobs.md, "From traces/container
 * to core/steps"): the job's allocation, Pod and primary go to the core (`JobSpec.kind` Container),
 * what each step really does (durations, exit codes, image sizes, append modes) to the simulator
 * (`SimJob.steps`). A step's GRES must exist on the cluster (an issue names the job and step).
 */
export function containerJobsToSim(jobs: readonly ContainerJob[], cluster: ClusterSpec, defaults: ContainerJobDefaults = DEFAULTS): ToSimResult {
  const layout = new ResourceLayout(cluster.nodes.map((n) => n.gres));
  const issues: string[] = [];
  const out: SimJob[] = [];
  for (const job of jobs) {
    const user = job.user ?? defaults.user;
    const steps: SimAppendedStep[] = [];
    job.steps.forEach((st, i) => {
      const request = stepRequest(st.resources, layout);
      if (request === undefined) {
        issues.push(`job ${job.id}: steps[${i}]: a GRES it asks for is not on this cluster (${st.resources.perNode.gres.map((g) => `${g.name}:${g.type ?? ''}`).join(', ')})`);
        return;
      }
      const spec: CommonStepSpec = { user, payload: payloadOf(st), request, ...(st.timeLimit === undefined ? {} : { timeLimit: st.timeLimit }) };
      const size = st.kind === 'container' ? st.container.imageSizeMiB : undefined;
      steps.push({ spec, work: { duration: st.duration, exitCode: st.exitCode, ...(size === undefined ? {} : { imageSizeMiB: size }) }, append: st.append, ...(st.name === undefined ? {} : { name: st.name }) });
    });
    const p = job.primary;
    const primarySize = p.kind === 'container' ? p.container.imageSizeMiB : undefined;
    const work: SimStepsWork = {
      primary: { duration: p.duration, exitCode: p.exitCode, waitForSteps: p.kind === 'script' && p.waitForSteps, ...(primarySize === undefined ? {} : { imageSizeMiB: primarySize }) },
      steps,
    };
    const r = job.resources;
    const spec: JobSpec = {
      externalId: job.id,
      user,
      account: job.account ?? defaults.account,
      partition: job.partition ?? defaults.partition ?? cluster.defaultPartition ?? '',
      qos: job.qos ?? defaults.qos,
      request: { nodeCount: r.nodeCount, perNode: { cpuMilli: r.perNode.cpuMilli, memMiB: r.perNode.memMiB, gres: r.perNode.gres.map((g) => ({ name: g.name, type: g.type ?? null, count: g.count })) } },
      ...(job.timeLimit === undefined ? {} : { timeLimit: job.timeLimit }),
      ...(job.dependencies === undefined || job.dependencies.length === 0 ? {} : { dependencies: { mode: 'all' as const, items: job.dependencies.map((d) => ({ type: d.type, job: d.job, delay: d.delay })) } }),
      kind: 'Container',
      pod: podMeta(job.pod, job.name),
      primary: p.kind === 'container' ? { kind: 'container', container: containerMeta(p.container) } : { kind: 'script' },
    };
    out.push({ spec, submitTime: job.submitTime, runtime: p.duration, outcome: 'Completed', exitCode: 0, steps: work });
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, value: out };
}

function stepRequest(r: StepResources, layout: ResourceLayout): StepRequest | undefined {
  const perNode = layout.request(r.perNode.cpuMilli, r.perNode.memMiB, r.perNode.gres.map((g) => ({ name: g.name, type: g.type ?? null, count: g.count })));
  return perNode === undefined ? undefined : { nodeCount: r.nodeCount, perNode };
}

function payloadOf(st: AppendedStep): StepPayload {
  return st.kind === 'container' ? { kind: 'container', container: containerMeta(st.container) } : { kind: 'process' };
}

function containerMeta(c: ContainerSpec): ContainerMeta {
  return {
    image: c.image,
    ...(c.name === undefined ? {} : { name: c.name }),
    ...(c.pullPolicy === undefined ? {} : { pullPolicy: c.pullPolicy }),
    ...(c.entrypoint === undefined ? {} : { entrypoint: c.entrypoint }),
    ...(c.command === undefined ? {} : { command: c.command }),
    args: c.args,
    ...(c.workdir === undefined ? {} : { workdir: c.workdir }),
    env: c.env,
    mounts: c.mounts,
    tty: c.tty,
    stdin: c.stdin,
    detach: c.detach,
  };
}

function podMeta(p: PodMeta, jobName: string | undefined): CorePodMeta {
  const name = p.name ?? jobName;
  return {
    ...(name === undefined ? {} : { name }),
    labels: p.labels,
    ...(p.userns === undefined ? {} : { userns: p.userns }),
    ...(p.runAsUser === undefined ? {} : { runAsUser: p.runAsUser }),
    ...(p.runAsGroup === undefined ? {} : { runAsGroup: p.runAsGroup }),
    network: p.network,
    ports: p.ports,
    dns: p.dns,
  };
}
