import { aggregateContainerMetrics, aggregateScalars, type AggregatedContainerMetrics, type AggregatedScalars } from '../metrics/aggregate.js';
import type { PlannedRun } from './plan.js';
import type { ProfileSpec } from './profiles.js';
import type { RunRecord } from './run-task.js';
import type { Experiment, TraceSpec } from './schema.js';
import type { Versions } from './package-info.js';
import type { VariantSpec } from './variants.js';

export interface RunResult {
  readonly run: PlannedRun;
  readonly record: RunRecord;
}

/** One profile's runs in one (trace, variant) group, in seed order, with across-seed statistics. */
export interface ProfileResult {
  readonly profile: ProfileSpec;
  readonly runs: readonly RunResult[];
  /** The first listed seed's run: the one drawn in per-run charts. */
  readonly reference: RunResult;
  readonly aggregate: AggregatedScalars;
  /** Container workloads only: the container metrics across seeds. */
  readonly containers?: AggregatedContainerMetrics;
}

/** Profiles compared on one trace under one variant: one section of the report. */
export interface ResultGroup {
  readonly trace: TraceSpec;
  readonly traceSha256: string;
  readonly variant: VariantSpec;
  readonly profiles: readonly ProfileResult[];
}

/** Everything the outputs are made of. Contains no wall-clock data, so outputs are reproducible. */
export interface ExperimentResults {
  readonly experiment: Experiment;
  readonly versions: Versions;
  readonly codeVersion: string;
  readonly groups: readonly ResultGroup[];
}

/** Groups runs (in plan order) by trace and variant, then by profile. */
export function groupResults(
  experiment: Experiment,
  runs: readonly RunResult[],
  traceHashes: ReadonlyMap<string, string>,
  versions: Versions,
  codeVersion: string,
): ExperimentResults {
  const groups: ResultGroup[] = [];
  for (const trace of experiment.traces) {
    for (const variant of experiment.variants) {
      const profiles: ProfileResult[] = [];
      for (const profile of experiment.profiles) {
        const mine = runs.filter((r) => r.run.trace === trace && r.run.variant === variant && r.run.profile === profile);
        const reference = mine.find((r) => r.run.reference) ?? mine[0];
        if (reference === undefined) continue;
        const containers = aggregateContainerMetrics(mine.map((r) => r.record.containers));
        profiles.push({ profile, runs: mine, reference, aggregate: aggregateScalars(mine.map((r) => r.record.metrics.scalars)), ...(containers === undefined ? {} : { containers }) });
      }
      if (profiles.length > 0) groups.push({ trace, traceSha256: traceHashes.get(trace.file) ?? '', variant, profiles });
    }
  }
  return { experiment, versions, codeVersion, groups };
}
