import fc from 'fast-check';
import type {
  AppendedStep,
  AppendMode,
  ContainerJob,
  ContainerSpec,
  GresRequest,
  JobResources,
  PodMeta,
  PrimaryStep,
  StepResources,
} from '../../../traces/container/index.js';

/** fast-check generators of valid, normalized container jobs (what the reader produces). */

const word = fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/);
const text = fc.string({ minLength: 1, maxLength: 12 });
const absPath = word.map((w) => `/${w}`);
const ms = fc.integer({ min: 0, max: 10_000_000_000 });
const opt = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => fc.option(arb, { nil: undefined });
const dict = (values: fc.Arbitrary<string>): fc.Arbitrary<Record<string, string>> => fc.dictionary(fc.string({ maxLength: 8 }), values, { maxKeys: 3 });

/** `T` with every key that may be undefined made optional instead (exactOptionalPropertyTypes). */
type Compact<T> = { [K in keyof T as undefined extends T[K] ? never : K]: T[K] } & {
  [K in keyof T as undefined extends T[K] ? K : never]?: Exclude<T[K], undefined>;
};

/** Drops keys whose value is undefined, as the reader leaves optional fields absent. */
function compact<T extends object>(o: T): Compact<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Compact<T>;
}

const gresList: fc.Arbitrary<GresRequest[]> = fc
  .uniqueArray(fc.record({ name: fc.constantFrom('gpu', 'rdma', 'npu'), type: opt(fc.constantFrom('a100', 't4')), count: fc.integer({ min: 1, max: 8 }) }), {
    maxLength: 3,
    selector: (g) => `${g.name}:${g.type ?? ''}`,
  })
  .map((list) =>
    list
      .map((g) => compact(g))
      .sort((a, b) => (a.name !== b.name ? (a.name < b.name ? -1 : 1) : (a.type ?? '') < (b.type ?? '') ? -1 : (a.type ?? '') > (b.type ?? '') ? 1 : 0)),
  );

export const stepResources: fc.Arbitrary<StepResources> = fc.record({
  nodeCount: fc.integer({ min: 1, max: 16 }),
  perNode: fc.record({ cpuMilli: fc.integer({ min: 1, max: 256_000 }), memMiB: fc.integer({ min: 1, max: 2_000_000 }), gres: gresList }),
});

const jobResources: fc.Arbitrary<JobResources> = fc
  .tuple(stepResources, fc.integer({ min: 1, max: 999 }), fc.uniqueArray(fc.constantFrom('T4', 'P100', 'V100M16'), { maxLength: 2 }))
  .map(([r, share, models]) => {
    const gpus = r.perNode.gres.filter((g) => g.name === 'gpu').reduce((n, g) => n + g.count, 0);
    return compact({ ...r, gpuShareMilli: gpus === 1 ? share : undefined, gpuModels: gpus > 0 && models.length > 0 ? models : undefined });
  });

const octet = fc.integer({ min: 0, max: 255 });
const ipv4 = fc.tuple(octet, octet, octet, octet).map((o) => o.join('.'));
const port = fc.integer({ min: 1, max: 65_535 });

const pod: fc.Arbitrary<PodMeta> = fc
  .record({
    name: opt(word),
    labels: dict(fc.string({ maxLength: 6 })),
    userns: opt(fc.boolean()),
    runAsUser: opt(fc.integer({ min: 0, max: 70_000 })),
    runAsGroup: opt(fc.integer({ min: 0, max: 70_000 })),
    network: fc.constantFrom('default' as const, 'host' as const),
    ports: fc.array(
      fc.record({ protocol: fc.constantFrom('TCP' as const, 'UDP' as const, 'SCTP' as const), containerPort: port, hostPort: opt(port), hostIp: opt(ipv4) }).map(compact),
      { maxLength: 2 },
    ),
    dns: fc.array(ipv4, { maxLength: 2 }),
  })
  .map((p) => compact({ ...p, ports: p.network === 'host' ? [] : p.ports }));

export const container: fc.Arbitrary<ContainerSpec> = fc
  .record({
    name: opt(word),
    image: fc.constantFrom('alpine:3.19', 'python:3.11', 'pytorch/pytorch:2.3', 'busybox'),
    imageSizeMiB: opt(fc.double({ min: 0.001, max: 20_000, noNaN: true })),
    pullPolicy: opt(fc.constantFrom('Always' as const, 'IfNotPresent' as const, 'Never' as const)),
    entrypoint: opt(text),
    command: opt(text),
    args: fc.array(fc.string({ maxLength: 6 }), { maxLength: 3 }),
    workdir: opt(absPath),
    env: dict(fc.string({ maxLength: 6 })),
    mounts: dict(absPath),
    tty: fc.boolean(),
    stdin: fc.boolean(),
    detach: fc.boolean(),
  })
  .map(compact);

const exitCode = fc.integer({ min: 0, max: 255 });

const primary: fc.Arbitrary<PrimaryStep> = fc.oneof(
  fc.record({ kind: fc.constant('script' as const), duration: ms, exitCode, waitForSteps: fc.boolean() }),
  fc.record({ kind: fc.constant('container' as const), duration: ms, exitCode, container }),
);

const append: fc.Arbitrary<AppendMode> = fc.oneof(
  fc.constant({ mode: 'after' as const }),
  fc.constant({ mode: 'parallel' as const }),
  ms.map((offset) => ({ mode: 'offset' as const, offset })),
);

const step: fc.Arbitrary<AppendedStep> = fc
  .tuple(
    fc.record({ name: opt(word), resources: stepResources, timeLimit: opt(fc.integer({ min: 1, max: 1e9 })), duration: ms, exitCode, append }),
    fc.oneof(
      container.map((c) => ({ kind: 'container' as const, container: c })),
      opt(text).map((command) => compact({ kind: 'crun' as const, command })),
    ),
  )
  .map(([base, kind]) => compact({ ...base, ...kind }) as AppendedStep);

export const containerJob: fc.Arbitrary<ContainerJob> = fc
  .record({
    id: text,
    name: opt(text),
    submitTime: ms,
    user: opt(word),
    account: opt(word),
    partition: opt(word),
    qos: opt(word),
    resources: jobResources,
    timeLimit: opt(fc.integer({ min: 1, max: 1e9 })),
    pod,
    primary,
    steps: fc.array(step, { maxLength: 4 }),
    dependencies: opt(
      fc.array(fc.record({ type: fc.constantFrom('after' as const, 'afterok' as const, 'afternotok' as const, 'afterany' as const), job: text, delay: ms }), { minLength: 1, maxLength: 3 }),
    ),
    meta: opt(fc.dictionary(word, fc.oneof(fc.string({ maxLength: 5 }), fc.integer(), fc.boolean()), { maxKeys: 3 })),
  })
  .map(compact);
