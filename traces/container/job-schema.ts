import { childPath, ObjectFields, shown, type IssueSink, type NumberRule } from './json-fields.js';
import { optionalTimeLimit, readPrimary, readResources, readStep, SECONDS } from './step-schema.js';
import type { AppendedStep, ContainerJob, DependencyType, JobDependency, JobResources, MetaValue, NetworkMode, PodMeta, PortMapping, PortProtocol } from './types.js';
import { DEPENDENCY_TYPES, NETWORK_MODES, PORT_PROTOCOLS } from './types.js';
import { isIpv4, secondsToMs, wholeThousandths } from './values.js';

/** Validation of one job line (already parsed as JSON) into a `ContainerJob`, reporting every issue. */

const JOB_FIELDS = ['id', 'name', 'submit', 'user', 'account', 'partition', 'qos', 'resources', 'timeLimit', 'pod', 'primary', 'steps', 'dependencies', 'meta'] as const;
const POD_FIELDS = ['name', 'labels', 'userns', 'runAsUser', 'runAsGroup', 'network', 'ports', 'dns'] as const;
const PORT_FIELDS = ['containerPort', 'hostPort', 'protocol', 'hostIp'] as const;
const ID: NumberRule = { min: 0, max: 4_294_967_294, integer: true, expected: 'an integer id >= 0' };
const PORT: NumberRule = { min: 1, max: 65_535, integer: true, expected: 'a port from 1 to 65535' };
const SHARE: NumberRule = { above: 0, max: 1, expected: 'a GPU fraction > 0 and <= 1 with at most 3 decimals' };

export function readJob(value: unknown, sink: IssueSink): ContainerJob | undefined {
  const f = ObjectFields.of(value, '', sink, 'a JSON object (one job per line)');
  if (f === undefined) return undefined;
  f.onlyKnown(JOB_FIELDS);
  const id = f.string('id', true);
  const name = f.string('name', false);
  const submit = f.number('submit', SECONDS, true);
  const user = f.string('user', false);
  const account = f.string('account', false);
  const partition = f.string('partition', false);
  const qos = f.string('qos', false);
  const resFields = f.object('resources', true);
  const resources = resFields === undefined ? undefined : readJobResources(resFields);
  const timeLimit = optionalTimeLimit(f, 'timeLimit');
  const pod = readPod(f.has('pod') ? f.object('pod', false) : undefined, f.has('pod'));
  const primary = f.has('primary') ? readPrimary(f.raw('primary'), f.at('primary'), sink) : missing(f, 'primary');
  const stepItems = f.array('steps', false) ?? [];
  const steps: AppendedStep[] = [];
  let stepsOk = true;
  for (const item of stepItems) {
    const step = readStep(item.value, item.path, sink);
    if (step === undefined) stepsOk = false;
    else steps.push(step);
  }
  const dependencies = readDependencies(f);
  const meta = readMeta(f);
  if (
    id === undefined || submit === undefined || resources === undefined || pod === undefined || primary === undefined || !stepsOk ||
    (f.has('timeLimit') && timeLimit === undefined)
  ) {
    return undefined;
  }
  return {
    id,
    ...(name === undefined ? {} : { name }),
    submitTime: secondsToMs(submit),
    ...(user === undefined ? {} : { user }),
    ...(account === undefined ? {} : { account }),
    ...(partition === undefined ? {} : { partition }),
    ...(qos === undefined ? {} : { qos }),
    resources,
    ...(timeLimit === undefined ? {} : { timeLimit }),
    pod,
    primary,
    steps,
    ...(dependencies === undefined || dependencies.length === 0 ? {} : { dependencies }),
    ...(meta === undefined ? {} : { meta }),
  };
}

function readDependencies(f: ObjectFields): JobDependency[] | undefined {
  const items = f.array('dependencies', false);
  if (items === undefined) return undefined;
  const out: JobDependency[] = [];
  for (const item of items) {
    const d = ObjectFields.of(item.value, item.path, f.sink, '{"type": ..., "job": id, "delay"?: seconds}');
    if (d === undefined) continue;
    d.onlyKnown(['type', 'job', 'delay']);
    const type = d.oneOf<DependencyType>('type', DEPENDENCY_TYPES, true);
    const job = d.string('job', true);
    const delay = d.number('delay', SECONDS, false) ?? 0;
    if (type !== undefined && job !== undefined) out.push({ type, job, delay: secondsToMs(delay) });
  }
  return out;
}

function missing(f: ObjectFields, key: string): undefined {
  f.sink.add(f.at(key), 'missing: expected an object');
  return undefined;
}

function readJobResources(f: ObjectFields): JobResources | undefined {
  const base = readResources(f, ['gpuShare', 'gpuModels']);
  const share = f.number('gpuShare', SHARE, false);
  let gpuShareMilli: number | undefined;
  if (share !== undefined) {
    if (!wholeThousandths(share)) f.sink.add(f.at('gpuShare'), `expected ${SHARE.expected}, got ${shown(share)}`);
    else if (share < 1) gpuShareMilli = Math.round(share * 1000);
  }
  const gpuModels = f.stringArray('gpuModels');
  if (base === undefined) return undefined;
  const gpus = base.perNode.gres.filter((g) => g.name === 'gpu').reduce((n, g) => n + g.count, 0);
  if (gpuShareMilli !== undefined && gpus !== 1) {
    f.sink.add(f.at('gpuShare'), `a GPU share needs exactly one GPU per node (gres "gpu:1"), the job asks for ${gpus}`);
    return undefined;
  }
  if (gpuModels !== undefined && gpus === 0) {
    f.sink.add(f.at('gpuModels'), 'GPU models are given but the job asks for no GPU');
    return undefined;
  }
  return {
    ...base,
    ...(gpuShareMilli === undefined ? {} : { gpuShareMilli }),
    ...(gpuModels === undefined || gpuModels.length === 0 ? {} : { gpuModels: [...new Set(gpuModels)] }),
  };
}

const DEFAULT_POD: PodMeta = { labels: {}, network: 'default', ports: [], dns: [] };

function readPod(f: ObjectFields | undefined, present: boolean): PodMeta | undefined {
  if (!present) return DEFAULT_POD;
  if (f === undefined) return undefined;
  f.onlyKnown(POD_FIELDS);
  const sink = f.sink;
  const g = f;
  const name = g.string('name', false);
  const labels = g.stringMap('labels', true) ?? {};
  const userns = g.boolean('userns');
  const runAsUser = g.number('runAsUser', ID, false);
  const runAsGroup = g.number('runAsGroup', ID, false);
  const network = g.oneOf<NetworkMode>('network', NETWORK_MODES, false) ?? 'default';
  const ports: PortMapping[] = [];
  for (const item of g.array('ports', false) ?? []) {
    const p = readPort(item.value, item.path, sink);
    if (p !== undefined) ports.push(p);
  }
  if (network === 'host' && ports.length > 0) sink.add(g.at('ports'), 'ports cannot be mapped in host network mode');
  const dns = g.stringArray('dns') ?? [];
  dns.forEach((ip, i) => {
    if (!isIpv4(ip)) sink.add(`${g.at('dns')}[${i}]`, `expected an IPv4 address, got ${shown(ip)}`);
  });
  return {
    ...(name === undefined ? {} : { name }),
    labels,
    ...(userns === undefined ? {} : { userns }),
    ...(runAsUser === undefined ? {} : { runAsUser }),
    ...(runAsGroup === undefined ? {} : { runAsGroup }),
    network,
    ports,
    dns,
  };
}

/** A port: `"HOST:CTR"`, `"PORT"`, a number, or `{containerPort, hostPort?, protocol?, hostIp?}`. */
function readPort(value: unknown, path: string, sink: IssueSink): PortMapping | undefined {
  const expected = 'a port mapping: "HOST:CONTAINER", "PORT", or {"containerPort": n, ...}';
  if (typeof value === 'number' || typeof value === 'string') {
    const m = /^(?:(\d+):)?(\d+)$/.exec(String(value));
    const host = m?.[1] === undefined ? undefined : Number(m[1]);
    const ctr = m === null ? NaN : Number(m[2]);
    const inRange = (p: number): boolean => Number.isInteger(p) && p >= 1 && p <= 65_535;
    if (m === null || !inRange(ctr) || (host !== undefined && !inRange(host))) {
      sink.add(path, `expected ${expected} with ports from 1 to 65535, got ${shown(value)}`);
      return undefined;
    }
    return host === undefined ? { protocol: 'TCP', containerPort: ctr } : { protocol: 'TCP', containerPort: ctr, hostPort: host };
  }
  const f = ObjectFields.of(value, path, sink, expected);
  if (f === undefined) return undefined;
  f.onlyKnown(PORT_FIELDS);
  const containerPort = f.number('containerPort', PORT, true);
  const hostPort = f.number('hostPort', PORT, false);
  const protocol = f.oneOf<PortProtocol>('protocol', PORT_PROTOCOLS, false) ?? 'TCP';
  const hostIp = f.string('hostIp', false);
  if (hostIp !== undefined && !isIpv4(hostIp)) sink.add(f.at('hostIp'), `expected an IPv4 address, got ${shown(hostIp)}`);
  if (containerPort === undefined) return undefined;
  return {
    protocol,
    containerPort,
    ...(hostPort === undefined ? {} : { hostPort }),
    ...(hostIp === undefined ? {} : { hostIp }),
  };
}

function readMeta(f: ObjectFields): Record<string, MetaValue> | undefined {
  const o = f.object('meta', false);
  if (o === undefined) return undefined;
  const out: [string, MetaValue][] = [];
  for (const [k, v] of Object.entries(o.value)) {
    if (typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v))) out.push([k, v]);
    else o.sink.add(childPath(o.path, k), `expected a string, number or boolean, got ${shown(v)}`);
  }
  return Object.fromEntries(out);
}
