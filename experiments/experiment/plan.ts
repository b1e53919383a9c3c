import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { scenarioInputFiles } from '../../traces/scenario/index.js';
import type { ProfileSpec } from './profiles.js';
import type { Experiment, MetricsSpec, TraceSpec } from './schema.js';
import { UNSHAKEN_SEED, type ShakingParams } from './shaking.js';
import type { VariantSpec } from './variants.js';
import { DEFAULT_POD_CLUSTER } from '../replay/container-replay.js';

/** What a worker needs to compute one run (plain data: it crosses a thread boundary). */
export interface RunTask {
  readonly key: string;
  readonly trace: {
    readonly kind: TraceSpec['kind'];
    readonly file: string;
    readonly missingEstimate: TraceSpec['missingEstimate'];
    readonly processors?: number;
    readonly ignoreUnsupported?: boolean;
    readonly cluster?: string;
    readonly containerCosts?: TraceSpec['containerCosts'];
  };
  readonly profile: ProfileSpec;
  readonly variant: VariantSpec;
  readonly seed: number;
  readonly shaking: ShakingParams;
  readonly metrics: MetricsSpec;
  readonly validate: boolean;
  /** Also write jobs.csv beside result.json. */
  readonly jobsCsv: boolean;
}

/** One cell of the experiment: (trace, variant, profile, seed) and the content hash of its inputs. */
export interface PlannedRun {
  readonly trace: TraceSpec;
  readonly variant: VariantSpec;
  readonly profile: ProfileSpec;
  readonly seed: number;
  /** The first seed listed: its runs feed the per-run charts and may write jobs.csv. */
  readonly reference: boolean;
  readonly task: RunTask;
}

/** The runs of an experiment in report order: traces, then variants, then profiles, then seeds. */
export function planRuns(experiment: Experiment, codeVersion: string, traceHash: (file: string) => string = hashFile): PlannedRun[] {
  const runs: PlannedRun[] = [];
  for (const trace of experiment.traces) {
    const sha256 = inputHash(trace, traceHash);
    for (const variant of experiment.variants) {
      for (const profile of experiment.profiles) {
        experiment.seeds.forEach((seed, i) => {
          const reference = i === 0;
          const key = runKey({ codeVersion, traceSha256: sha256, trace, variant, profile, seed, shaking: experiment.shaking, metrics: experiment.metrics });
          const task: RunTask = {
            key,
            trace: {
              kind: trace.kind,
              file: trace.file,
              missingEstimate: trace.missingEstimate,
              ...(trace.processors === undefined ? {} : { processors: trace.processors }),
              ...(trace.ignoreUnsupported === undefined ? {} : { ignoreUnsupported: trace.ignoreUnsupported }),
              ...(trace.cluster === undefined ? {} : { cluster: trace.cluster }),
              ...(trace.containerCosts === undefined ? {} : { containerCosts: trace.containerCosts }),
            },
            profile,
            variant,
            seed,
            shaking: experiment.shaking,
            metrics: experiment.metrics,
            validate: experiment.run.validate,
            jobsCsv: experiment.run.jobsCsv === 'all' || (experiment.run.jobsCsv === 'reference' && reference),
          };
          runs.push({ trace, variant, profile, seed, reference, task });
        });
      }
    }
  }
  return runs;
}

export interface RunKeyInputs {
  readonly codeVersion: string;
  readonly traceSha256: string;
  readonly trace: TraceSpec;
  readonly variant: VariantSpec;
  readonly profile: ProfileSpec;
  readonly seed: number;
  readonly shaking: ShakingParams;
  readonly metrics: MetricsSpec;
}

/**
 * The cache key of a run: sha256 over everything that can change its result: the code version, the
 * trace's bytes, how the trace is read, the variant's and profile's settings (not their display
 * names), the seed, the shaking parameters (not for the unshaken seed 0, which ignores them) and
 * the metric settings. Renaming a profile or reordering the file recomputes nothing.
 */
export function runKey(k: RunKeyInputs): string {
  const { name: _variantName, ...variant } = k.variant;
  const { name: _profileName, ...profile } = k.profile;
  const inputs = {
    code: k.codeVersion,
    trace: { kind: k.trace.kind, sha256: k.traceSha256, missingEstimate: k.trace.missingEstimate, processors: k.trace.processors ?? null, ignoreUnsupported: k.trace.ignoreUnsupported ?? false, containerCosts: k.trace.containerCosts },
    variant,
    profile,
    seed: k.seed,
    shaking: k.seed === UNSHAKEN_SEED ? null : k.shaking,
    metrics: k.metrics,
  };
  return createHash('sha256').update(canonicalJson(inputs)).digest('hex').slice(0, 32);
}

/** JSON with object keys sorted at every level: equal values give equal text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, v]) => `${JSON.stringify(key)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * The content hash of a run's workload input: the trace's bytes, or for a scenario the scenario
 * file and the cluster, accounts and workload files it names (its result depends on them all).
 */
export function inputHash(trace: TraceSpec, hash: (file: string) => string = hashFile): string {
  if (trace.kind === 'container') return hashFiles([trace.file, trace.cluster ?? DEFAULT_POD_CLUSTER], hash);
  return trace.kind === 'scenario' ? hashFiles(scenarioInputFiles(trace.file), hash) : hash(trace.file);
}

/** One hash over several files' hashes, in the order given. */
function hashFiles(files: readonly string[], hash: (file: string) => string): string {
  return createHash('sha256').update(files.map(hash).join('\n')).digest('hex');
}

export function hashFile(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}
