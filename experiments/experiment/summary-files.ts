import { renameSync, writeFileSync } from 'node:fs';
import { CsvFile } from '../output/csv.js';
import { RUN_METRIC_KEYS } from '../metrics/run-metrics.js';
import { CONTAINER_METRIC_KEYS } from '../metrics/pod-metrics.js';
import type { MeanWithCi } from '../metrics/confidence.js';
import { round6 } from '../metrics/breakdown.js';
import type { ExperimentResults } from './results.js';
import { describeProfile } from './profiles.js';
import { describeVariant } from './variants.js';

/**
 * summary.csv: one row per (trace, variant, profile, seed), then after each profile's seeds one
 * aggregated row with seed `all`, `runs` = the number of seeds and the across-seed means. The
 * container metrics (`CONTAINER_METRIC_KEYS`) follow the run metrics, empty for runs without them.
 */
export function writeSummaryCsv(path: string, results: ExperimentResults): void {
  writeAtomically(path, (temp) => {
    const csv = new CsvFile(temp, ['trace', 'variant', 'profile', 'seed', 'runs', 'processors', ...RUN_METRIC_KEYS, ...CONTAINER_METRIC_KEYS]);
    const none = CONTAINER_METRIC_KEYS.map(() => '');
    for (const g of results.groups) {
      for (const p of g.profiles) {
        for (const r of p.runs) {
          const s = r.record.metrics.scalars;
          const c = r.record.containers;
          csv.row([g.trace.name, g.variant.name, p.profile.name, r.run.seed, 1, r.record.processors, ...RUN_METRIC_KEYS.map((k) => s[k]), ...(c === undefined ? none : CONTAINER_METRIC_KEYS.map((k) => c[k]))]);
        }
        const c = p.containers;
        csv.row([g.trace.name, g.variant.name, p.profile.name, 'all', p.runs.length, p.reference.record.processors, ...RUN_METRIC_KEYS.map((k) => round6(p.aggregate[k].mean)), ...(c === undefined ? none : CONTAINER_METRIC_KEYS.map((k) => round6(c[k].mean)))]);
      }
    }
    csv.close();
  });
}

/**
 * summary-ci.csv: one row per (trace, variant, profile, metric): across-seed mean, sample standard
 * deviation and the two-sided 95% Student-t confidence interval (empty with a single seed). The
 * container metrics follow the run metrics, for container workloads only.
 */
export function writeConfidenceCsv(path: string, results: ExperimentResults): void {
  writeAtomically(path, (temp) => {
    const csv = new CsvFile(temp, ['trace', 'variant', 'profile', 'metric', 'runs', 'mean', 'sd', 'ci95_half_width', 'ci95_low', 'ci95_high']);
    for (const g of results.groups) {
      for (const p of g.profiles) {
        const row = (key: string, a: MeanWithCi): void => {
          const h = a.halfWidth;
          csv.row([g.trace.name, g.variant.name, p.profile.name, key, a.n, round6(a.mean), round6(a.sd), h === null ? '' : round6(h), h === null ? '' : round6(a.mean - h), h === null ? '' : round6(a.mean + h)]);
        };
        for (const key of RUN_METRIC_KEYS) row(key, p.aggregate[key]);
        const c = p.containers;
        if (c !== undefined) for (const key of CONTAINER_METRIC_KEYS) row(key, c[key]);
      }
    }
    csv.close();
  });
}

/** summary.json: the experiment's settings, versions, and every run's scalars with the aggregates. */
export function writeSummaryJson(path: string, results: ExperimentResults): void {
  const e = results.experiment;
  const doc = {
    experiment: { name: e.name, description: e.description, seeds: e.seeds, shaking: e.shaking, metrics: e.metrics },
    versions: results.versions,
    code_version: results.codeVersion,
    groups: results.groups.map((g) => ({
      trace: g.trace.name,
      trace_file: g.trace.fileAsWritten,
      trace_sha256: g.traceSha256,
      variant: g.variant.name,
      variant_settings: describeVariant(g.variant),
      profiles: g.profiles.map((p) => ({
        profile: p.profile.name,
        profile_settings: describeProfile(p.profile),
        processors: p.reference.record.processors,
        runs: p.runs.map((r) => ({ seed: r.run.seed, key: r.run.task.key, metrics: r.record.metrics.scalars, ...(r.record.containers === undefined ? {} : { containers: r.record.containers }) })),
        aggregate: Object.fromEntries(RUN_METRIC_KEYS.map((k) => [k, rounded(p.aggregate[k])])),
        ...(p.containers === undefined ? {} : { containers_aggregate: Object.fromEntries(CONTAINER_METRIC_KEYS.map((k) => [k, rounded(p.containers![k])])) }),
      })),
    })),
  };
  writeAtomically(path, (temp) => writeFileSync(temp, JSON.stringify(doc, null, 2) + '\n'));
}

const rounded = (a: MeanWithCi): MeanWithCi => ({ ...a, mean: round6(a.mean), sd: round6(a.sd), halfWidth: a.halfWidth === null ? null : round6(a.halfWidth) });

/** Writes through a temporary file and renames it into place: readers never see half a file. */
export function writeAtomically(path: string, write: (tempPath: string) => void): void {
  const temp = `${path}.tmp-${process.pid}`;
  write(temp);
  renameSync(temp, path);
}
