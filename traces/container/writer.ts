import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { assertNever } from '../../core/index.js';
import type { AppendedStep, AppendMode, ContainerJob, ContainerSpec, JobResources, PodMeta, PrimaryStep, StepResources } from './types.js';
import { formatGres, msToSeconds } from './values.js';

/**
 * The canonical text of a job: one JSON line, keys in a fixed order, defaults and absent fields
 * left out, times in seconds, CPUs as numbers, memory in MiB. Reading it back gives an equal job,
 * and the same job always gives the same bytes.
 */
export function formatContainerJob(job: ContainerJob): string {
  return JSON.stringify(jobObject(job));
}

/** Jobs as a JSON Lines text, one job per line, each line ending with a newline. */
export function formatContainerWorkload(jobs: Iterable<ContainerJob>): string {
  let out = '';
  for (const job of jobs) out += `${formatContainerJob(job)}\n`;
  return out;
}

/** Streams jobs to a `.jsonl` file without building the whole text. */
export async function writeContainerWorkload(file: string, jobs: Iterable<ContainerJob>): Promise<number> {
  const out = createWriteStream(file, { encoding: 'utf8' });
  let n = 0;
  for (const job of jobs) {
    if (!out.write(`${formatContainerJob(job)}\n`)) await once(out, 'drain');
    n++;
  }
  out.end();
  await once(out, 'finish');
  return n;
}

type Json = string | number | boolean | Json[] | { [key: string]: Json | undefined };

function jobObject(job: ContainerJob): Json {
  return {
    id: job.id,
    name: job.name,
    submit: msToSeconds(job.submitTime),
    user: job.user,
    account: job.account,
    partition: job.partition,
    qos: job.qos,
    resources: jobResources(job.resources),
    timeLimit: job.timeLimit === undefined ? undefined : msToSeconds(job.timeLimit),
    pod: podObject(job.pod),
    primary: primaryObject(job.primary),
    steps: job.steps.length === 0 ? undefined : job.steps.map(stepObject),
    dependencies:
      job.dependencies === undefined ? undefined : job.dependencies.map((d) => ({ type: d.type, job: d.job, delay: d.delay === 0 ? undefined : msToSeconds(d.delay) })),
    meta: job.meta === undefined ? undefined : { ...job.meta },
  };
}

function resources(r: StepResources): { [key: string]: Json | undefined } {
  return {
    nodes: r.nodeCount === 1 ? undefined : r.nodeCount,
    cpu: r.perNode.cpuMilli / 1000,
    mem: r.perNode.memMiB,
    gres: r.perNode.gres.length === 0 ? undefined : r.perNode.gres.map(formatGres),
  };
}

function jobResources(r: JobResources): Json {
  return {
    ...resources(r),
    gpuShare: r.gpuShareMilli === undefined ? undefined : r.gpuShareMilli / 1000,
    gpuModels: r.gpuModels === undefined ? undefined : [...r.gpuModels],
  };
}

function podObject(p: PodMeta): Json | undefined {
  const o = {
    name: p.name,
    labels: Object.keys(p.labels).length === 0 ? undefined : { ...p.labels },
    userns: p.userns,
    runAsUser: p.runAsUser,
    runAsGroup: p.runAsGroup,
    network: p.network === 'default' ? undefined : p.network,
    ports:
      p.ports.length === 0
        ? undefined
        : p.ports.map((m) => ({ containerPort: m.containerPort, hostPort: m.hostPort, protocol: m.protocol === 'TCP' ? undefined : m.protocol, hostIp: m.hostIp })),
    dns: p.dns.length === 0 ? undefined : [...p.dns],
  };
  return Object.values(o).every((v) => v === undefined) ? undefined : o;
}

function containerObject(c: ContainerSpec): Json {
  return {
    name: c.name,
    image: c.image,
    imageSizeMiB: c.imageSizeMiB,
    pullPolicy: c.pullPolicy,
    entrypoint: c.entrypoint,
    command: c.command,
    args: c.args.length === 0 ? undefined : [...c.args],
    workdir: c.workdir,
    env: Object.keys(c.env).length === 0 ? undefined : { ...c.env },
    mounts: Object.keys(c.mounts).length === 0 ? undefined : { ...c.mounts },
    tty: c.tty ? true : undefined,
    stdin: c.stdin ? true : undefined,
    detach: c.detach ? true : undefined,
  };
}

function primaryObject(p: PrimaryStep): Json {
  switch (p.kind) {
    case 'script':
      return { kind: p.kind, duration: msToSeconds(p.duration), exitCode: exit(p.exitCode), waitForSteps: p.waitForSteps ? true : undefined };
    case 'container':
      return { kind: p.kind, container: containerObject(p.container), duration: msToSeconds(p.duration), exitCode: exit(p.exitCode) };
    default:
      return assertNever(p);
  }
}

const exit = (code: number): number | undefined => (code === 0 ? undefined : code);

function appendValue(a: AppendMode): Json | undefined {
  switch (a.mode) {
    case 'after':
      return undefined;
    case 'parallel':
      return 'parallel';
    case 'offset':
      return { offset: msToSeconds(a.offset) };
    default:
      return assertNever(a);
  }
}

function stepObject(s: AppendedStep): Json {
  const common = {
    name: s.name,
    resources: resources(s.resources),
    timeLimit: s.timeLimit === undefined ? undefined : msToSeconds(s.timeLimit),
    duration: msToSeconds(s.duration),
    exitCode: exit(s.exitCode),
    append: appendValue(s.append),
  };
  switch (s.kind) {
    case 'container':
      return { kind: undefined, ...common, container: containerObject(s.container) };
    case 'crun':
      return { kind: 'crun', ...common, command: s.command };
    default:
      return assertNever(s);
  }
}
