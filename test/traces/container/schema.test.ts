import { describe, expect, it } from 'vitest';
import { formatIssue } from '../../../traces/issue.js';
import { parseContainerJobLine, type ContainerJob } from '../../../traces/container/index.js';

/** A valid `cbatch --pod` pipeline job; each table row breaks one thing in a copy of it. */
const BASE = {
  id: 'j1',
  submit: 12.5,
  resources: { nodes: 2, cpu: 4, mem: '16G', gres: ['gpu:a100:1'] },
  timeLimit: '01:00:00',
  pod: { name: 'p', network: 'default', ports: ['8080:80'], dns: ['10.0.0.2'] },
  primary: { kind: 'script', duration: 5, waitForSteps: true },
  steps: [
    { resources: { cpu: 1, mem: 512 }, duration: 30, container: { image: 'alpine:3.19', imageSizeMiB: 3.4 } },
    { resources: { cpu: 2, mem: '1G' }, duration: 60, append: 'parallel', container: { image: 'python:3.11' } },
    { kind: 'crun', resources: { cpu: 1, mem: 256 }, duration: 1, append: { offset: 90 }, command: 'hostname' },
  ],
};

type Json = Record<string, unknown>;
const clone = (): Json => JSON.parse(JSON.stringify(BASE)) as Json;

/** Sets `value` at a dotted path with [i] indexes; `undefined` deletes the field. */
function withField(path: string, value: unknown): string {
  const job = clone();
  const keys = path.replace(/\[(\d+)\]/g, '.$1').split('.');
  let obj = job as Record<string, unknown>;
  for (const k of keys.slice(0, -1)) obj = obj[k] as Record<string, unknown>;
  const last = keys[keys.length - 1]!;
  if (value === undefined) delete obj[last];
  else obj[last] = value;
  return JSON.stringify(job);
}

const messagesOf = (line: string): string[] => {
  const r = parseContainerJobLine(line, { file: 'w.jsonl', line: 12 });
  return r.ok ? [] : r.issues.map(formatIssue);
};

describe('container job schema: one bad field, one exact message', () => {
  const cases: readonly [string, unknown, string][] = [
    ['steps[2].container', { image: 42 }, 'w.jsonl:12: steps[2].container: unknown field (known fields: kind, name, resources, timeLimit, duration, exitCode, append, command)'],
    ['steps[1].container.image', '', 'w.jsonl:12: steps[1].container.image: expected a non-empty string, got ""'],
    ['steps[1].container.image', 42, 'w.jsonl:12: steps[1].container.image: expected a non-empty string, got 42'],
    ['steps[1].container.image', undefined, 'w.jsonl:12: steps[1].container.image: missing: expected a non-empty string'],
    ['id', undefined, 'w.jsonl:12: id: missing: expected a non-empty string'],
    ['submit', -1, 'w.jsonl:12: submit: expected seconds >= 0, got -1'],
    ['submit', '10', 'w.jsonl:12: submit: expected seconds >= 0, got "10"'],
    ['resources.cpu', 0, 'w.jsonl:12: resources.cpu: expected CPUs as a number > 0 with at most 3 decimals, got 0'],
    ['resources.cpu', 0.0005, 'w.jsonl:12: resources.cpu: expected CPUs as a number > 0 with at most 3 decimals, got 0.0005'],
    ['resources.mem', '16 bananas', 'w.jsonl:12: resources.mem: expected MiB as a number > 0, or a size like "16G" or "512M", got "16 bananas"'],
    ['resources.mem', undefined, 'w.jsonl:12: resources.mem: missing: expected MiB as a number > 0, or a size like "16G" or "512M"'],
    ['resources.nodes', 1.5, 'w.jsonl:12: resources.nodes: expected a positive integer, got 1.5'],
    ['resources.gres', ['gpu'], 'w.jsonl:12: resources.gres[0]: expected a GRES like "gpu:1" or "gpu:a100:2", got "gpu"'],
    ['resources.gres', ['gpu:0'], 'w.jsonl:12: resources.gres[0]: expected a GRES like "gpu:1" or "gpu:a100:2", got "gpu:0"'],
    ['resources.gres', ['gpu:1', 'gpu:1'], 'w.jsonl:12: resources.gres[1]: duplicate GRES gpu:1: give each name and type once'],
    ['steps[0].resources.gpuShare', 0.5, 'w.jsonl:12: steps[0].resources.gpuShare: unknown field (known fields: nodes, cpu, mem, gres)'],
    ['timeLimit', '1:00', 'w.jsonl:12: timeLimit: expected seconds > 0 or "[D-]HH:MM:SS", got "1:00"'],
    ['timeLimit', 0, 'w.jsonl:12: timeLimit: expected seconds > 0 or "[D-]HH:MM:SS", got 0'],
    ['pod.network', 'bridge', 'w.jsonl:12: pod.network: expected one of "default", "host", got "bridge"'],
    ['pod.network', 'host', 'w.jsonl:12: pod.ports: ports cannot be mapped in host network mode'],
    ['pod.ports', ['70000:80'], 'w.jsonl:12: pod.ports[0]: expected a port mapping: "HOST:CONTAINER", "PORT", or {"containerPort": n, ...} with ports from 1 to 65535, got "70000:80"'],
    ['pod.ports', [{ hostPort: 80 }], 'w.jsonl:12: pod.ports[0].containerPort: missing: expected a port from 1 to 65535'],
    ['pod.dns', ['10.0.0.256'], 'w.jsonl:12: pod.dns[0]: expected an IPv4 address, got "10.0.0.256"'],
    ['pod.runAsUser', -1, 'w.jsonl:12: pod.runAsUser: expected an integer id >= 0, got -1'],
    ['pod.userns', 'yes', 'w.jsonl:12: pod.userns: expected true or false, got "yes"'],
    ['pod.labels', { team: 7 }, 'w.jsonl:12: pod.labels.team: expected a string, got 7'],
    ['primary.kind', 'batch', 'w.jsonl:12: primary.kind: expected one of "script", "container", got "batch"'],
    ['primary.duration', undefined, 'w.jsonl:12: primary.duration: missing: expected seconds >= 0'],
    ['primary.exitCode', 256, 'w.jsonl:12: primary.exitCode: expected an integer from 0 to 255, got 256'],
    ['primary.waitForSteps', 1, 'w.jsonl:12: primary.waitForSteps: expected true or false, got 1'],
    ['primary', { kind: 'container', duration: 1 }, 'w.jsonl:12: primary.container: missing: expected an object'],
    ['steps[0].append', 'later', 'w.jsonl:12: steps[0].append: expected "after", "parallel" or {"offset": seconds}, got "later"'],
    ['steps[0].append', { offset: -5 }, 'w.jsonl:12: steps[0].append.offset: expected seconds >= 0, got -5'],
    ['steps[0].kind', 'docker', 'w.jsonl:12: steps[0].kind: expected one of "container", "crun", got "docker"'],
    ['steps[0].resources', undefined, 'w.jsonl:12: steps[0].resources: missing: expected an object'],
    ['steps[0].container.pullPolicy', 'always', 'w.jsonl:12: steps[0].container.pullPolicy: expected one of "Always", "IfNotPresent", "Never", got "always"'],
    ['steps[0].container.imageSizeMiB', 0, 'w.jsonl:12: steps[0].container.imageSizeMiB: expected MiB as a number > 0, got 0'],
    ['steps[0].container.workdir', 'data', 'w.jsonl:12: steps[0].container.workdir: expected an absolute path, got "data"'],
    ['steps[0].container.mounts', { './in': 'data' }, 'w.jsonl:12: steps[0].container.mounts["./in"]: expected an absolute container path, got "data"'],
    ['steps[0].container.args', ['-c', 1], 'w.jsonl:12: steps[0].container.args[1]: expected a string, got 1'],
    ['steps[0].container.env', { A: null }, 'w.jsonl:12: steps[0].container.env.A: expected a string, got null'],
    ['steps[0].container.tty', 'true', 'w.jsonl:12: steps[0].container.tty: expected true or false, got "true"'],
    ['steps', {}, 'w.jsonl:12: steps: expected an array, got {}'],
    ['steps[0]', 'x', 'w.jsonl:12: steps[0]: expected an object, got "x"'],
    ['meta', { app: [1] }, 'w.jsonl:12: meta.app: expected a string, number or boolean, got [1]'],
    ['dependencies', [{ type: 'afterwards', job: 'a' }], 'w.jsonl:12: dependencies[0].type: expected one of "after", "afterok", "afternotok", "afterany", got "afterwards"'],
    ['dependencies', [{ type: 'afterok' }], 'w.jsonl:12: dependencies[0].job: missing: expected a non-empty string'],
    ['dependencies', [{ type: 'after', job: 'a', delay: -1 }], 'w.jsonl:12: dependencies[0].delay: expected seconds >= 0, got -1'],
    ['dependencies', ['a'], 'w.jsonl:12: dependencies[0]: expected {"type": ..., "job": id, "delay"?: seconds}, got "a"'],
    ['colour', 'blue', 'w.jsonl:12: colour: unknown field (known fields: id, name, submit, user, account, partition, qos, resources, timeLimit, pod, primary, steps, dependencies, meta)'],
  ];
  it.each(cases)('%s = %j', (path, value, message) => {
    expect(messagesOf(withField(path, value))).toEqual([message]);
  });

  it('accepts the base job', () => {
    expect(messagesOf(JSON.stringify(BASE))).toEqual([]);
  });

  it('collects every issue of a line, in field order', () => {
    const line = JSON.stringify({ id: '', submit: -1, resources: { cpu: 1 }, primary: { kind: 'script' } });
    expect(messagesOf(line)).toEqual([
      'w.jsonl:12: id: expected a non-empty string, got ""',
      'w.jsonl:12: submit: expected seconds >= 0, got -1',
      'w.jsonl:12: resources.mem: missing: expected MiB as a number > 0, or a size like "16G" or "512M"',
      'w.jsonl:12: primary.duration: missing: expected seconds >= 0',
    ]);
  });

  it('names broken JSON and non-object lines without a field', () => {
    expect(messagesOf('{"id": ')[0]).toMatch(/^w\.jsonl:12: invalid JSON: /);
    expect(messagesOf('[1,2]')).toEqual(['w.jsonl:12: expected a JSON object (one job per line), got [1,2]']);
  });

  it('GPU sharing and models need GPUs', () => {
    const share = (gres: string[], gpuShare: number): string[] =>
      messagesOf(JSON.stringify({ ...BASE, resources: { cpu: 1, mem: 1, gres, gpuShare } }));
    expect(share(['gpu:2'], 0.5)).toEqual(['w.jsonl:12: resources.gpuShare: a GPU share needs exactly one GPU per node (gres "gpu:1"), the job asks for 2']);
    expect(share(['gpu:1'], 0.4567)).toEqual(['w.jsonl:12: resources.gpuShare: expected a GPU fraction > 0 and <= 1 with at most 3 decimals, got 0.4567']);
    expect(messagesOf(JSON.stringify({ ...BASE, resources: { cpu: 1, mem: 1, gpuModels: ['T4'] } }))).toEqual([
      'w.jsonl:12: resources.gpuModels: GPU models are given but the job asks for no GPU',
    ]);
  });
});

describe('container job schema: normalization', () => {
  const parse = (line: string): ContainerJob => {
    const r = parseContainerJobLine(line, { file: 'w.jsonl', line: 1 });
    if (!r.ok) throw new Error(r.issues.map(formatIssue).join('\n'));
    return r.value;
  };

  it('turns the base job into ms, milli-CPUs and MiB, with CraneSched defaults left absent', () => {
    const job = parse(JSON.stringify(BASE));
    expect(job.submitTime).toBe(12_500); // 12.5 s
    expect(job.timeLimit).toBe(3_600_000); // 01:00:00
    expect(job.resources).toEqual({ nodeCount: 2, perNode: { cpuMilli: 4000, memMiB: 16_384, gres: [{ name: 'gpu', type: 'a100', count: 1 }] } });
    expect(job.pod).toEqual({ name: 'p', labels: {}, network: 'default', ports: [{ protocol: 'TCP', containerPort: 80, hostPort: 8080 }], dns: ['10.0.0.2'] });
    expect(job.primary).toEqual({ kind: 'script', duration: 5000, exitCode: 0, waitForSteps: true });
    expect(job.steps.map((s) => [s.kind, s.append, s.duration])).toEqual([
      ['container', { mode: 'after' }, 30_000],
      ['container', { mode: 'parallel' }, 60_000],
      ['crun', { mode: 'offset', offset: 90_000 }, 1000],
    ]);
    const first = job.steps[0]!;
    expect(first.kind === 'container' && first.container).toEqual({
      image: 'alpine:3.19', imageSizeMiB: 3.4, args: [], env: {}, mounts: {}, tty: false, stdin: false, detach: false,
    });
    expect(first.resources).toEqual({ nodeCount: 1, perNode: { cpuMilli: 1000, memMiB: 512, gres: [] } });
  });

  it.each([
    ['512', 512], ['512M', 512], ['512MiB', 512], ['1G', 1024], ['1.5G', 1536], ['2048K', 2], ['1T', 1_048_576], ['1000K', 1], [0.5, 1], [100.2, 101],
  ] as const)('memory %j is %d MiB (rounded up)', (mem, mib) => {
    expect(parse(JSON.stringify({ ...BASE, resources: { cpu: 1, mem } })).resources.perNode.memMiB).toBe(mib);
  });

  it.each([
    [0.5, 500], [2.25, 2250], [0.001, 1], [64, 64_000],
  ] as const)('cpu %d is %d milli-CPUs', (cpu, milli) => {
    expect(parse(JSON.stringify({ ...BASE, resources: { cpu, mem: 1 } })).resources.perNode.cpuMilli).toBe(milli);
  });

  it.each([
    [30, 30_000], [0.25, 250], ['00:00:11', 11_000], ['1-00:00:00', 86_400_000], ['2-03:04:05', (2 * 86_400 + 3 * 3600 + 4 * 60 + 5) * 1000],
  ] as const)('time limit %j is %d ms', (timeLimit, ms) => {
    expect(parse(JSON.stringify({ ...BASE, timeLimit })).timeLimit).toBe(ms);
  });

  it('sorts GRES by name then type, keeps the GPU share and distinct models', () => {
    const job = parse(JSON.stringify({ ...BASE, resources: { cpu: 1, mem: 1, gres: ['rdma:1', 'gpu:1'], gpuShare: 0.46, gpuModels: ['T4', 'P100', 'T4'] } }));
    expect(job.resources.perNode.gres.map((g) => g.name)).toEqual(['gpu', 'rdma']);
    expect(job.resources.gpuShareMilli).toBe(460);
    expect(job.resources.gpuModels).toEqual(['T4', 'P100']);
  });

  it('dependencies keep their order; the delay is in ms and defaults to 0', () => {
    const job = parse(JSON.stringify({ ...BASE, dependencies: [{ type: 'afterany', job: 'x' }, { type: 'after', job: 'y', delay: 1.5 }] }));
    expect(job.dependencies).toEqual([{ type: 'afterany', job: 'x', delay: 0 }, { type: 'after', job: 'y', delay: 1500 }]);
    expect('dependencies' in parse(JSON.stringify({ ...BASE, dependencies: [] }))).toBe(false);
  });

  it('a ccon run job: the container is the primary', () => {
    const job = parse(JSON.stringify({
      id: 'c', submit: 0, resources: { cpu: 1, mem: 64 },
      primary: { kind: 'container', duration: 2, exitCode: 3, container: { image: 'busybox', command: 'sh', args: ['-c', 'exit 3'], env: { A: '' }, tty: true } },
    }));
    expect(job.pod).toEqual({ labels: {}, network: 'default', ports: [], dns: [] });
    expect(job.primary.kind === 'container' && job.primary.container.command).toBe('sh');
    expect(job.primary.exitCode).toBe(3);
    expect(job.steps).toEqual([]);
  });
});
