import { childPath, ObjectFields, shown, type IssueSink, type NumberRule } from './json-fields.js';
import type { AppendedStep, AppendMode, ContainerSpec, PrimaryStep, PullPolicy, StepResources } from './types.js';
import { PULL_POLICIES } from './types.js';
import { compareGres, formatGres, parseCpu, parseGres, parseMemory, parseTimeLimit, secondsToMs } from './values.js';

/** Validation of the step-level parts of a job line: resources, containers, the primary and appended steps. */

export const SECONDS: NumberRule = { min: 0, expected: 'seconds >= 0' };
export const EXIT_CODE: NumberRule = { min: 0, max: 255, integer: true, expected: 'an integer from 0 to 255' };
const POSITIVE_INT: NumberRule = { min: 1, integer: true, expected: 'a positive integer' };
const SIZE_MIB: NumberRule = { above: 0, expected: 'MiB as a number > 0' };

const RESOURCE_FIELDS = ['nodes', 'cpu', 'mem', 'gres'] as const;

/** `{nodes?, cpu, mem, gres?}`; `extra` names further fields the caller reads itself. */
export function readResources(f: ObjectFields, extra: readonly string[] = []): StepResources | undefined {
  f.onlyKnown([...RESOURCE_FIELDS, ...extra]);
  const nodeCount = f.number('nodes', POSITIVE_INT, false) ?? 1;
  const cpuMilli = parsed(f, 'cpu', parseCpu);
  const memMiB = parsed(f, 'mem', parseMemory);
  const gresItems = f.array('gres', false, 'an array of GRES strings') ?? [];
  const gres = [];
  const seen = new Set<string>();
  for (const item of gresItems) {
    const g = parseGres(item.value);
    if (!g.ok) {
      f.sink.add(item.path, `expected ${g.expected}, got ${shown(item.value)}`);
      continue;
    }
    const key = `${g.value.name}:${g.value.type ?? ''}`;
    if (seen.has(key)) f.sink.add(item.path, `duplicate GRES ${formatGres(g.value)}: give each name and type once`);
    seen.add(key);
    gres.push(g.value);
  }
  if (cpuMilli === undefined || memMiB === undefined) return undefined;
  return { nodeCount, perNode: { cpuMilli, memMiB, gres: gres.sort(compareGres) } };
}

/** A required field parsed by one of values.ts's parsers. */
export function parsed<T>(f: ObjectFields, key: string, parse: (v: unknown) => { ok: true; value: T } | { ok: false; expected: string }): T | undefined {
  const raw = f.raw(key);
  const r = parse(raw);
  if (r.ok) return r.value;
  f.sink.add(f.at(key), raw === undefined ? `missing: expected ${r.expected}` : `expected ${r.expected}, got ${shown(raw)}`);
  return undefined;
}

export function optionalTimeLimit(f: ObjectFields, key: string): number | undefined {
  return f.has(key) ? parsed(f, key, parseTimeLimit) : undefined;
}

const CONTAINER_FIELDS = [
  'name', 'image', 'imageSizeMiB', 'pullPolicy', 'entrypoint', 'command', 'args', 'workdir', 'env', 'mounts', 'tty', 'stdin', 'detach',
] as const;

export function readContainer(value: unknown, path: string, sink: IssueSink): ContainerSpec | undefined {
  const f = ObjectFields.of(value, path, sink);
  if (f === undefined) return undefined;
  f.onlyKnown(CONTAINER_FIELDS);
  const image = f.string('image', true);
  const imageSizeMiB = f.number('imageSizeMiB', SIZE_MIB, false);
  const pullPolicy = f.oneOf<PullPolicy>('pullPolicy', PULL_POLICIES, false);
  const name = f.string('name', false);
  const entrypoint = f.string('entrypoint', false);
  const command = f.string('command', false);
  const workdir = f.string('workdir', false);
  if (workdir !== undefined && !workdir.startsWith('/')) sink.add(f.at('workdir'), `expected an absolute path, got ${shown(workdir)}`);
  const args = f.array('args', false, 'an array of strings') ?? [];
  const argv: string[] = [];
  for (const a of args) {
    if (typeof a.value === 'string') argv.push(a.value);
    else sink.add(a.path, `expected a string, got ${shown(a.value)}`);
  }
  const env = f.stringMap('env', true) ?? {};
  const mounts = f.stringMap('mounts', false) ?? {};
  for (const [host, target] of Object.entries(mounts)) {
    if (!target.startsWith('/')) sink.add(childPath(f.at('mounts'), host), `expected an absolute container path, got ${shown(target)}`);
  }
  const tty = f.boolean('tty') ?? false;
  const stdin = f.boolean('stdin') ?? false;
  const detach = f.boolean('detach') ?? false;
  if (image === undefined) return undefined;
  return {
    image,
    ...(imageSizeMiB === undefined ? {} : { imageSizeMiB }),
    ...(pullPolicy === undefined ? {} : { pullPolicy }),
    ...(name === undefined ? {} : { name }),
    ...(entrypoint === undefined ? {} : { entrypoint }),
    ...(command === undefined ? {} : { command }),
    args: argv,
    ...(workdir === undefined ? {} : { workdir }),
    env,
    mounts,
    tty,
    stdin,
    detach,
  };
}

const SCRIPT_FIELDS = ['kind', 'duration', 'exitCode', 'waitForSteps'] as const;
const CCON_FIELDS = ['kind', 'duration', 'exitCode', 'container'] as const;

export function readPrimary(value: unknown, path: string, sink: IssueSink): PrimaryStep | undefined {
  const f = ObjectFields.of(value, path, sink);
  if (f === undefined) return undefined;
  const kind = f.oneOf('kind', ['script', 'container'] as const, true);
  if (kind === undefined) return undefined;
  const duration = f.number('duration', SECONDS, true);
  const exitCode = f.number('exitCode', EXIT_CODE, false) ?? 0;
  switch (kind) {
    case 'script': {
      f.onlyKnown(SCRIPT_FIELDS);
      const waitForSteps = f.boolean('waitForSteps') ?? false;
      return duration === undefined ? undefined : { kind, duration: secondsToMs(duration), exitCode, waitForSteps };
    }
    case 'container': {
      f.onlyKnown(CCON_FIELDS);
      const container = f.has('container') ? readContainer(f.raw('container'), f.at('container'), sink) : missing(f, 'container', 'an object');
      return duration === undefined || container === undefined ? undefined : { kind, duration: secondsToMs(duration), exitCode, container };
    }
  }
}

function missing(f: ObjectFields, key: string, expected: string): undefined {
  f.sink.add(f.at(key), `missing: expected ${expected}`);
  return undefined;
}

const APPEND_EXPECTED = '"after", "parallel" or {"offset": seconds}';

export function readAppend(f: ObjectFields): AppendMode | undefined {
  const v = f.raw('append');
  if (v === undefined || v === 'after') return { mode: 'after' };
  if (v === 'parallel') return { mode: 'parallel' };
  const o = ObjectFields.of(v, f.at('append'), f.sink, APPEND_EXPECTED);
  if (o === undefined) return undefined;
  o.onlyKnown(['offset']);
  const offset = o.number('offset', SECONDS, true);
  return offset === undefined ? undefined : { mode: 'offset', offset: secondsToMs(offset) };
}

const STEP_COMMON = ['kind', 'name', 'resources', 'timeLimit', 'duration', 'exitCode', 'append'] as const;

export function readStep(value: unknown, path: string, sink: IssueSink): AppendedStep | undefined {
  const f = ObjectFields.of(value, path, sink);
  if (f === undefined) return undefined;
  const kind = f.has('kind') ? f.oneOf('kind', ['container', 'crun'] as const, true) : 'container';
  if (kind === undefined) return undefined;
  f.onlyKnown(kind === 'container' ? [...STEP_COMMON, 'container'] : [...STEP_COMMON, 'command']);
  const name = f.string('name', false);
  const resFields = f.object('resources', true);
  const resources = resFields === undefined ? undefined : readResources(resFields);
  const timeLimit = optionalTimeLimit(f, 'timeLimit');
  const duration = f.number('duration', SECONDS, true);
  const exitCode = f.number('exitCode', EXIT_CODE, false) ?? 0;
  const append = readAppend(f);
  const container =
    kind === 'container' ? (f.has('container') ? readContainer(f.raw('container'), f.at('container'), sink) : missing(f, 'container', 'an object')) : undefined;
  const command = kind === 'crun' ? f.string('command', false) : undefined;
  if (resources === undefined || duration === undefined || append === undefined) return undefined;
  if (f.has('timeLimit') && timeLimit === undefined) return undefined;
  const base = {
    ...(name === undefined ? {} : { name }),
    resources,
    ...(timeLimit === undefined ? {} : { timeLimit }),
    duration: secondsToMs(duration),
    exitCode,
    append,
  };
  if (kind === 'crun') return { kind, ...base, ...(command === undefined ? {} : { command }) };
  return container === undefined ? undefined : { kind, ...base, container };
}
