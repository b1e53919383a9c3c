import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, extname, resolve } from 'node:path';
import { resolveContainerCosts, type ContainerCosts } from '../../runtime-sim/index.js';
import { MISSING_ESTIMATE_MODES, type InputIssue, type MissingEstimate } from '../../traces/index.js';
import { DEFAULT_SIZE_BOUNDS } from '../metrics/size-class.js';
import { readProfile } from './profiles.js';
import type { Experiment, JobsCsvMode, MetricsSpec, RunSettings, TraceSpec } from './schema.js';
import { DEFAULT_SHAKING, type ShakingParams } from './shaking.js';
import { BASE_VARIANT, readVariant } from './variants.js';
import { Fields, YamlSource, type FieldPath } from './yaml-fields.js';

export type ExperimentLoad = { readonly ok: true; readonly value: Experiment } | { readonly ok: false; readonly issues: readonly InputIssue[] };

const TOP_FIELDS = ['name', 'description', 'traces', 'profiles', 'variants', 'seeds', 'shaking', 'metrics', 'run'] as const;
const TRACE_FIELDS = ['name', 'file', 'scenario', 'containers', 'cluster', 'containerCosts', 'ignoreUnsupported', 'missingEstimate', 'processors'] as const;
const SHAKING_FIELDS = ['submitJitterSeconds', 'runtimeJitter'] as const;
const METRICS_FIELDS = ['sizeClasses', 'timeBuckets', 'heatmapBuckets', 'heatmapNodeGroups', 'topAccounts', 'shares', 'defaultShare'] as const;
const RUN_FIELDS = ['workers', 'validate', 'jobsCsv'] as const;
const JOBS_CSV_MODES: readonly JobsCsvMode[] = ['none', 'reference', 'all'];

/** Default metric settings: bounded plot sizes whatever the trace length. */
export const DEFAULT_METRICS: MetricsSpec = {
  sizeClasses: DEFAULT_SIZE_BOUNDS,
  timeBuckets: 240,
  heatmapBuckets: 120,
  heatmapNodeGroups: 50,
  topAccounts: 8,
  shares: { shares: {}, defaultShare: 1 },
};

/** Reads and validates an experiment file; every problem is reported with file, line and field path. */
export function loadExperiment(file: string): ExperimentLoad {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    return { ok: false, issues: [{ file, message: `cannot read the experiment file: ${(e as Error).message}` }] };
  }
  return parseExperiment(resolve(file), text);
}

/** Validates experiment text; relative trace paths are resolved against the file's folder. */
export function parseExperiment(file: string, text: string): ExperimentLoad {
  const src = YamlSource.parse(file, text);
  if (!src.ok) return { ok: false, issues: src.issues };
  const f = new Fields(src);
  const top = f.map(src.value ?? null, [], TOP_FIELDS);
  if (top === undefined) return { ok: false, issues: src.issues };
  const name = top['name'] === undefined ? basename(file, extname(file)) : folderName(f.string(top['name'], ['name']), f);
  const description = top['description'] === undefined ? '' : f.string(top['description'], ['description']);
  const traces = required(top, 'traces', f) && readList(top['traces'], ['traces'], f, (v, p) => readTrace(v, p, f, dirname(file)));
  const profiles = required(top, 'profiles', f) && readList(top['profiles'], ['profiles'], f, (v, p) => readProfile(v, p, f));
  const variants = top['variants'] === undefined ? [BASE_VARIANT] : readList(top['variants'], ['variants'], f, (v, p) => readVariant(v, p, f));
  const seeds = top['seeds'] === undefined ? [0] : readSeeds(top['seeds'], f);
  const shaking = top['shaking'] === undefined ? DEFAULT_SHAKING : readShaking(top['shaking'], f);
  const metrics = top['metrics'] === undefined ? DEFAULT_METRICS : readMetrics(top['metrics'], f);
  const run = readRun(top['run'] ?? {}, f);
  if (traces) unique(traces, ['traces'], 'trace', f);
  if (profiles) unique(profiles, ['profiles'], 'profile', f);
  if (variants) unique(variants, ['variants'], 'variant', f);
  if (!src.ok || name === undefined || description === undefined || !traces || !profiles || !variants || !seeds || !shaking || !metrics || !run) {
    return { ok: false, issues: src.issues };
  }
  return { ok: true, value: { name, description, file, source: text, traces, profiles, variants, seeds, shaking, metrics, run } };
}

/** The name is also the default output folder: one path segment. */
function folderName(name: string | undefined, f: Fields): string | undefined {
  if (name === undefined) return undefined;
  if (/[/\\]/.test(name) || name === '.' || name === '..') return f.problem(['name'], `must not contain '/' or '\\' or be '.' or '..' (it names the output folder), got '${name}'`);
  return name;
}

function required(m: Record<string, unknown>, key: string, f: Fields): boolean {
  if (m[key] !== undefined) return true;
  f.problem([key], 'missing (required)');
  return false;
}

/** Reads every entry (so all problems are reported at once); undefined if any entry is bad. */
function readList<T>(value: unknown, path: FieldPath, f: Fields, read: (v: unknown, p: FieldPath) => T | undefined): T[] | false {
  const list = f.list(value, path);
  if (list === undefined) return false;
  const out = list.map((v, i) => read(v, [...path, i]));
  return out.every((x) => x !== undefined) ? (out as T[]) : false;
}

function unique(items: readonly { readonly name: string }[], path: FieldPath, what: string, f: Fields): void {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    if (seen.has(item.name)) f.problem([...path, i, 'name'], `duplicate ${what} name '${item.name}'`);
    seen.add(item.name);
  });
}

function readTrace(value: unknown, path: FieldPath, f: Fields, baseDir: string): TraceSpec | undefined {
  const m = typeof value === 'string' ? { file: value } : f.map(value, path, TRACE_FIELDS);
  if (m === undefined) return undefined;
  if (m['containers'] !== undefined) return readContainerTrace(m, path, f, baseDir);
  if (m['cluster'] !== undefined) return f.problem([...path, 'cluster'], "only a container workload ('containers') takes a cluster file");
  if (m['containerCosts'] !== undefined) return f.problem([...path, 'containerCosts'], "only a container workload ('containers') has container costs");
  const isScenario = m['scenario'] !== undefined;
  if (isScenario && m['file'] !== undefined) return f.problem([...path, 'scenario'], "give either 'file' (an SWF trace) or 'scenario', not both");
  const key = isScenario ? 'scenario' : 'file';
  const filePath = typeof value === 'string' ? path : [...path, key];
  const written = f.string(m[key], filePath);
  if (written === undefined) return undefined;
  const file = resolve(baseDir, written);
  if (!existsSync(file) || !statSync(file).isFile()) return f.problem(filePath, `no such ${isScenario ? 'scenario' : 'trace'} file: ${file}`);
  const name = m['name'] === undefined ? basename(written).replace(/\.(swf(\.gz)?|ya?ml)$/i, '') : f.string(m['name'], [...path, 'name']);
  if (isScenario) {
    for (const k of ['missingEstimate', 'processors'] as const) {
      if (m[k] !== undefined) return f.problem([...path, k], `a scenario sets ${k} in its own workload and cluster files`);
    }
    const ignore = m['ignoreUnsupported'] === undefined ? false : f.boolean(m['ignoreUnsupported'], [...path, 'ignoreUnsupported']);
    if (name === undefined || ignore === undefined) return undefined;
    return { kind: 'scenario', name, file, fileAsWritten: written, missingEstimate: 'runtime', ignoreUnsupported: ignore };
  }
  if (m['ignoreUnsupported'] !== undefined) return f.problem([...path, 'ignoreUnsupported'], 'only a scenario has unsupported features to ignore');
  const missingEstimate: MissingEstimate | undefined =
    m['missingEstimate'] === undefined ? 'runtime' : f.oneOf(m['missingEstimate'], [...path, 'missingEstimate'], MISSING_ESTIMATE_MODES);
  const processors = m['processors'] === undefined ? undefined : f.integer(m['processors'], [...path, 'processors'], 1);
  if (name === undefined || missingEstimate === undefined || (m['processors'] !== undefined && processors === undefined)) return undefined;
  return { kind: 'swf', name, file, fileAsWritten: written, missingEstimate, ...(processors === undefined ? {} : { processors }) };
}

/** `containers: FILE.jsonl` (a container workload) with an optional `cluster: FILE`; run under cranesched. */
function readContainerTrace(m: Readonly<Record<string, unknown>>, path: FieldPath, f: Fields, baseDir: string): TraceSpec | undefined {
  for (const k of ['file', 'scenario', 'missingEstimate', 'processors', 'ignoreUnsupported'] as const) {
    if (m[k] !== undefined) return f.problem([...path, k], `a container workload takes 'containers', 'cluster', 'containerCosts' and 'name', not '${k}'`);
  }
  const written = f.string(m['containers'], [...path, 'containers']);
  if (written === undefined) return undefined;
  const file = resolve(baseDir, written);
  if (!existsSync(file) || !statSync(file).isFile()) return f.problem([...path, 'containers'], `no such container workload: ${file}`);
  let cluster: string | undefined;
  if (m['cluster'] !== undefined) {
    const c = f.string(m['cluster'], [...path, 'cluster']);
    if (c === undefined) return undefined;
    cluster = resolve(baseDir, c);
    if (!existsSync(cluster) || !statSync(cluster).isFile()) return f.problem([...path, 'cluster'], `no such cluster file: ${cluster}`);
  }
  let containerCosts: ContainerCosts | undefined;
  if (m['containerCosts'] !== undefined) {
    // overrides of the simulator's cost model (runtime-sim/container-costs.ts), checked field by field
    const costs = resolveContainerCosts(m['containerCosts'], 'containerCosts');
    if (!costs.ok) {
      for (const issue of costs.issues) f.problem([...path, ...issue.field.split('.')], issue.message);
      return undefined;
    }
    containerCosts = costs.value;
  }
  const name = m['name'] === undefined ? basename(written).replace(/\.jsonl$/i, '') : f.string(m['name'], [...path, 'name']);
  if (name === undefined) return undefined;
  return { kind: 'container', name, file, fileAsWritten: written, missingEstimate: 'runtime', ...(cluster === undefined ? {} : { cluster }), ...(containerCosts === undefined ? {} : { containerCosts }) };
}

/** `seeds: 5` means 0..4; `seeds: [0, 7, 8]` lists them (0 = unshaken). */
function readSeeds(value: unknown, f: Fields): number[] | false {
  if (typeof value === 'number') {
    const n = f.integer(value, ['seeds'], 1, 10_000);
    return n === undefined ? false : Array.from({ length: n }, (_, i) => i);
  }
  const seeds = readList(value, ['seeds'], f, (v, p) => f.integer(v, p, 0, 2 ** 31 - 1));
  if (!seeds) return false;
  const seen = new Set<number>();
  for (let i = 0; i < seeds.length; i++) {
    if (seen.has(seeds[i]!)) return f.problem(['seeds', i], `duplicate seed ${seeds[i]}`) ?? false;
    seen.add(seeds[i]!);
  }
  return seeds;
}

function readShaking(value: unknown, f: Fields): ShakingParams | false {
  const m = f.map(value, ['shaking'], SHAKING_FIELDS);
  if (m === undefined) return false;
  const submit = m['submitJitterSeconds'] === undefined ? DEFAULT_SHAKING.submitJitterSeconds : f.integer(m['submitJitterSeconds'], ['shaking', 'submitJitterSeconds'], 0, 86_400);
  const runtime = m['runtimeJitter'] === undefined ? DEFAULT_SHAKING.runtimeJitter : f.number(m['runtimeJitter'], ['shaking', 'runtimeJitter'], 0, 0.99, true);
  if (submit === undefined || runtime === undefined) return false;
  return { submitJitterSeconds: submit, runtimeJitter: runtime };
}

function readMetrics(value: unknown, f: Fields): MetricsSpec | false {
  const m = f.map(value, ['metrics'], METRICS_FIELDS);
  if (m === undefined) return false;
  const d = DEFAULT_METRICS;
  const int = (key: string, fallback: number, min: number, max: number): number | undefined =>
    m[key] === undefined ? fallback : f.integer(m[key], ['metrics', key], min, max);
  let sizeClasses: readonly number[] | false = d.sizeClasses;
  if (m['sizeClasses'] !== undefined) {
    const bounds = readList(m['sizeClasses'], ['metrics', 'sizeClasses'], f, (v, p) => f.integer(v, p, 1));
    sizeClasses = bounds;
    if (bounds && bounds.some((b, i) => i > 0 && b <= bounds[i - 1]!)) {
      sizeClasses = f.problem(['metrics', 'sizeClasses'], `class bounds must be strictly ascending, got [${bounds.join(', ')}]`) ?? false;
    }
  }
  const timeBuckets = int('timeBuckets', d.timeBuckets, 10, 2000);
  const heatmapBuckets = int('heatmapBuckets', d.heatmapBuckets, 10, 500);
  const heatmapNodeGroups = int('heatmapNodeGroups', d.heatmapNodeGroups, 1, 200);
  const topAccounts = int('topAccounts', d.topAccounts, 1, 20);
  let shares: Record<string, number> | undefined = {};
  if (m['shares'] !== undefined) {
    const raw = m['shares'];
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) shares = f.problem(['metrics', 'shares'], 'expected a mapping of account: weight');
    else {
      for (const [account, w] of Object.entries(raw as Record<string, unknown>)) {
        const weight = f.number(w, ['metrics', 'shares', account], 0, Infinity, true);
        if (weight === undefined) shares = undefined;
        else if (shares !== undefined) shares[account] = weight;
      }
    }
  }
  const defaultShare = m['defaultShare'] === undefined ? d.shares.defaultShare : f.number(m['defaultShare'], ['metrics', 'defaultShare'], 0, Infinity, true);
  if (!sizeClasses || [timeBuckets, heatmapBuckets, heatmapNodeGroups, topAccounts, defaultShare].includes(undefined) || shares === undefined) return false;
  return {
    sizeClasses,
    timeBuckets: timeBuckets!,
    heatmapBuckets: heatmapBuckets!,
    heatmapNodeGroups: heatmapNodeGroups!,
    topAccounts: topAccounts!,
    shares: { shares, defaultShare: defaultShare! },
  };
}

function readRun(value: unknown, f: Fields): RunSettings | false {
  const m = f.map(value, ['run'], RUN_FIELDS);
  if (m === undefined) return false;
  const workers = m['workers'] === undefined ? undefined : f.integer(m['workers'], ['run', 'workers'], 0, 256);
  const validate = m['validate'] === undefined ? true : f.boolean(m['validate'], ['run', 'validate']);
  const jobsCsv = m['jobsCsv'] === undefined ? 'reference' : f.oneOf(m['jobsCsv'], ['run', 'jobsCsv'], JOBS_CSV_MODES);
  if ((m['workers'] !== undefined && workers === undefined) || validate === undefined || jobsCsv === undefined) return false;
  return { ...(workers === undefined ? {} : { workers }), validate, jobsCsv };
}
