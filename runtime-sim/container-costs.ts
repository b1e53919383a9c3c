import { assertNever, type Millis } from '../core/index.js';
import { effectivePullPolicy, type ImageCache, type PullPolicy, type PullTiming } from './image-cache.js';

/**
 * The simulator's container cost model: what a Pod and a container step cost in time before user
 * work runs, and after. Pure arithmetic on a configuration; every default below is either measured
 * on a real Docker Engine (tools/measure-docker.sh; docs/container-costs.md has the runs) or a
 * stated assumption, and `CONTAINER_COST_SOURCES` says which.
 */
export interface ContainerCosts {
  /** Create and start a Pod sandbox (a pause container with its own network namespace) on one node. */
  readonly podStart: Millis;
  /** Stop and remove the sandbox at job end. */
  readonly podStop: Millis;
  /** Create and start one step container joined to the sandbox's namespaces, image present. */
  readonly containerStart: Millis;
  /** Remove an exited container. */
  readonly containerRemove: Millis;
  /** Grace between the stop signal and the kill when a container is stopped (CraneSched: fixed 10 s). */
  readonly stopGrace: Millis;
  /** Stop signal to exit of a running container whose process exits on SIGTERM (`docker stop` of one). */
  readonly containerStop: Millis;
  /**
   * Whether killed containers ignore SIGTERM: then a kill of a running container ends it only after
   * `stopGrace` (the runtime's SIGKILL), else after `containerStop`. A process that is PID 1 of its
   * own PID namespace with no handler ignores it (the kernel drops default-action signals to it).
   */
  readonly ignoreSigterm: boolean;
  /**
   * Probability that a Pod sandbox fails to start on a node (each node of each Pod drawn once, from
   * the simulation's seeded random source). The job then ends Failed 323 without a primary.
   */
  readonly podFailureRate: number;
  readonly pull: {
    /** Local fixed cost of every pull (image registration, CLI/API round trip). */
    readonly fixed: Millis;
    /** Registry round trips of every pull (token, manifest, config); the whole cost of an `Always` refresh. */
    readonly registryLatency: Millis;
    /** Download bandwidth from the registry to one node, MiB/s. */
    readonly downloadMiBps: number;
    /** Unpacking and registering layers on the node, MiB/s. */
    readonly extractMiBps: number;
    /** A pull longer than this fails the step (CraneSched's `PullImage` deadline); null: no limit. */
    readonly timeout: Millis | null;
  };
  /** Image store capacity of one node, MiB. */
  readonly imageCacheMiB: number;
  /** Size of an image whose size the workload does not give, MiB. */
  readonly defaultImageSizeMiB: number;
}

/** `docker stop` of a running container that exits on SIGTERM (docs/container-costs.md, run (e)). */
const STOP_MEASURED_MS = 131;
const STOP_SOURCE = 'measured: median `docker stop -t 10` of a sleep in a step container joined to the sandbox (not PID 1, so SIGTERM ends it), 15 runs (tools/measure-docker-stop.sh)';

export const DEFAULT_CONTAINER_COSTS: ContainerCosts = {
  podStart: 425,
  podStop: 177,
  containerStart: 305,
  containerRemove: 43,
  stopGrace: 10_000,
  containerStop: STOP_MEASURED_MS,
  ignoreSigterm: false,
  podFailureRate: 0,
  pull: { fixed: 271, registryLatency: 150, downloadMiBps: 100, extractMiBps: 87.5, timeout: 60_000 },
  imageCacheMiB: 50 * 1024,
  defaultImageSizeMiB: 256,
};

/** Where each default came from (docs/container-costs.md has the measurement tables). */
export const CONTAINER_COST_SOURCES = {
  podStart: 'measured: median of `docker run -d` of a sleeping busybox with its own (bridge) network namespace, Docker 20.10, 25 runs',
  podStop: 'measured: median of `docker rm -f` of that sandbox, 25 runs',
  containerStart: 'measured: median create + start + wait of `true` joined to the sandbox (--network/--ipc/--pid container:S), 25 runs',
  containerRemove: 'measured: median `docker rm` of that exited container, 25 runs',
  stopGrace: 'CraneSched source: StopContainer timeout fixed at 10 s (CRANESCHED.md 2.5, 3.1 `ccon stop`)',
  containerStop: STOP_SOURCE,
  ignoreSigterm: 'choice: false; containers joined to the Pod\'s PID namespace are not PID 1 there, so SIGTERM ends them (docs/container-costs.md)',
  podFailureRate: 'assumption: 0; none of the 100 measured sandbox starts failed (docs/container-costs.md); set it to study failures',
  'pull.fixed': 'measured: intercept of a least-squares line through median `docker load` times of 16, 64 and 256 MiB tarballs',
  'pull.registryLatency': 'assumption: three registry round trips (token, manifest, config) of 50 ms; no registry is reachable here',
  'pull.downloadMiBps': 'assumption: 100 MiB/s, about what a 1 Gbit/s node link (119 MiB/s) delivers; pulls are network-bound, not measured here',
  'pull.extractMiBps': 'measured: slope of that `docker load` line (incompressible data, overlay2)',
  'pull.timeout': 'CraneSched source: kCriDefaultImagePullingTimeout = 60 s (src/Utilities/CriClient/include/crane/CriClient.h)',
  imageCacheMiB: 'assumption: 50 GiB of image store per node',
  defaultImageSizeMiB: 'assumption: 256 MiB for an image of unknown size',
} as const;

export type ContainerCostKey = keyof typeof CONTAINER_COST_SOURCES;

/**
 * Duration of a pull that transfers `transferMiB`: fixed + registry latency + download + extract,
 * rounded up to a whole ms. Download and extract are added, not overlapped: containerd unpacks a
 * layer after fetching it, so for a one-layer image they are sequential; for many layers this is an
 * upper bound. A refresh (`transferMiB` 0) costs fixed + registry latency.
 */
export function pullDuration(transferMiB: number, costs: ContainerCosts): Millis {
  const p = costs.pull;
  const moving = (transferMiB * 1000) / p.downloadMiBps + (transferMiB * 1000) / p.extractMiBps;
  return p.fixed + p.registryLatency + Math.ceil(moving - 1e-9);
}

export function pullTiming(costs: ContainerCosts): PullTiming {
  return { duration: (mib) => pullDuration(mib, costs), timeout: costs.pull.timeout };
}

/**
 * When a kill sent at `killedAt` ends a container that has run since `runningAt` and would exit on
 * its own at `naturalEnd`: a container not yet running (pulling, being created) ends at once; a
 * running one after `containerStop`, or the full `stopGrace` if it ignores SIGTERM; never after its
 * own end.
 */
export function containerKillEnd(killedAt: Millis, runningAt: Millis, naturalEnd: Millis, costs: ContainerCosts): Millis {
  if (killedAt < runningAt) return killedAt;
  return Math.max(killedAt, Math.min(naturalEnd, killedAt + (costs.ignoreSigterm ? costs.stopGrace : costs.containerStop)));
}

/** CraneSched's exit code for a step whose container could not be prepared (image pull failed): 323. */
export const EXIT_PREPARE_FAILED = 323;

/** The image part of a container step, as the workload gives it. */
export interface ImageRequest {
  readonly image: string;
  readonly imageSizeMiB?: number;
  readonly pullPolicy?: PullPolicy;
}

/**
 * What starting one container on one node costs, from `now` (the step's supervisor is up in the
 * Pod): the image (cached, joined, pulled or refreshed), then `containerStart`.
 * - ok: `imageReadyAt` when the image is usable, `runningAt` when the container runs user work;
 *   `pullWait` = imageReadyAt - now (0 on a cache hit), the time the step's time limit already used.
 * - failed: the step fails at `failedAt` with exit code 323 (`EXIT_PREPARE_FAILED`).
 * On ok the image is pinned in `cache`: call `cache.release(image)` when the container ends.
 */
export type ContainerStartPlan =
  | {
      readonly ok: true;
      readonly image: 'cached' | 'miss' | 'refresh';
      readonly imageReadyAt: Millis;
      readonly runningAt: Millis;
      readonly pullWait: Millis;
      readonly transferMiB: number;
      readonly evicted: readonly string[];
    }
  | { readonly ok: false; readonly reason: 'image-not-present' | 'no-space' | 'pull-timeout'; readonly failedAt: Millis };

export function planContainerStart(cache: ImageCache, req: ImageRequest, now: Millis, costs: ContainerCosts): ContainerStartPlan {
  const policy = effectivePullPolicy(req.image, req.pullPolicy);
  const use = cache.use(req.image, req.imageSizeMiB ?? costs.defaultImageSizeMiB, policy, now, pullTiming(costs));
  switch (use.kind) {
    case 'cached':
      return started('cached', use.readyAt, 0, [], now, costs);
    case 'pull':
      return started(use.reason, use.readyAt, use.transferMiB, use.evicted, now, costs);
    case 'not-present':
      return { ok: false, reason: 'image-not-present', failedAt: now };
    case 'no-space':
      return { ok: false, reason: 'no-space', failedAt: now };
    case 'timeout':
      return { ok: false, reason: 'pull-timeout', failedAt: use.failedAt };
    default:
      return assertNever(use, 'image use');
  }
}

function started(
  image: 'cached' | 'miss' | 'refresh',
  imageReadyAt: Millis,
  transferMiB: number,
  evicted: readonly string[],
  now: Millis,
  costs: ContainerCosts,
): ContainerStartPlan {
  return { ok: true, image, imageReadyAt, runningAt: imageReadyAt + costs.containerStart, pullWait: imageReadyAt - now, transferMiB, evicted };
}

/** A problem in a cost configuration, by field path (`containerCosts.pull.downloadMiBps`). */
export interface CostIssue {
  readonly field: string;
  readonly message: string;
}

type Rule = { readonly key: string; readonly expected: string; readonly ok: (v: unknown) => boolean };
const nonNegInt: Rule['ok'] = (v) => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const positive: Rule['ok'] = (v) => typeof v === 'number' && Number.isFinite(v) && v > 0;
const MS = 'an integer number of ms >= 0';
const TOP: readonly Rule[] = [
  { key: 'podStart', expected: MS, ok: nonNegInt },
  { key: 'podStop', expected: MS, ok: nonNegInt },
  { key: 'containerStart', expected: MS, ok: nonNegInt },
  { key: 'containerRemove', expected: MS, ok: nonNegInt },
  { key: 'stopGrace', expected: MS, ok: nonNegInt },
  { key: 'containerStop', expected: MS, ok: nonNegInt },
  { key: 'ignoreSigterm', expected: 'true or false', ok: (v) => typeof v === 'boolean' },
  { key: 'podFailureRate', expected: 'a probability in [0, 1]', ok: (v) => typeof v === 'number' && v >= 0 && v <= 1 },
  { key: 'imageCacheMiB', expected: 'MiB >= 0', ok: (v) => typeof v === 'number' && Number.isFinite(v) && v >= 0 },
  { key: 'defaultImageSizeMiB', expected: 'MiB > 0', ok: positive },
];
const PULL: readonly Rule[] = [
  { key: 'fixed', expected: MS, ok: nonNegInt },
  { key: 'registryLatency', expected: MS, ok: nonNegInt },
  { key: 'downloadMiBps', expected: 'MiB/s > 0', ok: positive },
  { key: 'extractMiBps', expected: 'MiB/s > 0', ok: positive },
  { key: 'timeout', expected: 'an integer number of ms > 0, or null for no limit', ok: (v) => v === null || (nonNegInt(v) && (v as number) > 0) },
];

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Defaults overridden by a partial configuration (parsed YAML or JSON), validated field by field:
 * unknown fields and bad values are reported with their path under `path`.
 */
export function resolveContainerCosts(
  overrides: unknown,
  path = 'containerCosts',
  base: ContainerCosts = DEFAULT_CONTAINER_COSTS,
): { readonly ok: true; readonly value: ContainerCosts } | { readonly ok: false; readonly issues: readonly CostIssue[] } {
  if (overrides === undefined || overrides === null) return { ok: true, value: base };
  const issues: CostIssue[] = [];
  const check = (obj: unknown, at: string, rules: readonly Rule[], nested: readonly string[]): Record<string, unknown> => {
    if (!isRecord(obj)) {
      issues.push({ field: at, message: `expected an object, got ${JSON.stringify(obj)}` });
      return {};
    }
    const known = [...rules.map((r) => r.key), ...nested];
    for (const [k, v] of Object.entries(obj)) {
      const rule = rules.find((r) => r.key === k);
      if (rule === undefined && !nested.includes(k)) issues.push({ field: `${at}.${k}`, message: `unknown field (known fields: ${known.join(', ')})` });
      else if (rule !== undefined && !rule.ok(v)) issues.push({ field: `${at}.${k}`, message: `expected ${rule.expected}, got ${JSON.stringify(v)}` });
    }
    return obj;
  };
  const top = check(overrides, path, TOP, ['pull']);
  const pull = top['pull'] === undefined ? {} : check(top['pull'], `${path}.pull`, PULL, []);
  if (issues.length > 0) return { ok: false, issues };
  const { pull: _ignored, ...rest } = top;
  return { ok: true, value: { ...base, ...(rest as Partial<ContainerCosts>), pull: { ...base.pull, ...(pull as Partial<ContainerCosts['pull']>) } } };
}
