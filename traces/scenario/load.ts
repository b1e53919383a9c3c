import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { Issues, type AccountsConfig, type ClusterConfig } from '../../core/config/index.js';
import { loadConfigPair } from '../config/load.js';
import { locateIssues, readYamlFile, type YamlFile } from '../config/yaml-file.js';
import type { InputIssue } from '../issue.js';
import { checkJobNames } from './check-jobs.js';
import type { AdminEvent } from './events.js';
import { readEvents } from './events-read.js';
import { readScenarioSpec, type ScenarioProfile } from './scenario-spec.js';
import type { Workload, WorkloadResult } from './workload.js';
import { inlineJobs, loadJobsFile } from './workload-jobs.js';
import type { WorkloadSpec } from './workload-spec.js';
import { loadSwfJobs } from './workload-swf.js';
import { loadVariantJobs } from './workload-variant.js';

/** A loaded scenario: the configuration, the workload and the timed admin events, all validated. */
export interface Scenario {
  readonly file: string;
  readonly name: string;
  readonly description: string;
  /** Absolute paths of the files the scenario names. */
  readonly clusterFile: string;
  readonly accountsFile: string;
  readonly cluster: ClusterConfig;
  readonly accounts: AccountsConfig;
  readonly workload: Workload;
  /** Sorted by time, file order among equal times. */
  readonly events: readonly AdminEvent[];
  /** Policy names the scenario suggests (the command line may override them). */
  readonly profile: ScenarioProfile;
}

export type ScenarioResult =
  | { readonly ok: true; readonly value: Scenario; readonly warnings: readonly InputIssue[] }
  | { readonly ok: false; readonly issues: readonly InputIssue[]; readonly warnings: readonly InputIssue[] };

/**
 * Loads a scenario file: its own fields, then the cluster and accounts files (paths relative to
 * the scenario), then the workload, then the events (checked against all of these). Nothing is
 * returned unless everything is valid; every issue names its file, line and field. Counted
 * warnings about the workload (jobs naming unknown users, SWF oddities) are in `workload.warnings`.
 */
export async function loadScenario(file: string): Promise<ScenarioResult> {
  const yaml = await readYamlFile(file);
  if (!yaml.ok) return { ok: false, issues: yaml.issues, warnings: [] };
  const issues = new Issues();
  const spec = readScenarioSpec(issues, yaml.value.value, basename(file).replace(/\.ya?ml$/, ''));
  if (spec === undefined || issues.count > 0) return { ok: false, issues: locateIssues(yaml.value, issues.errors), warnings: [] };
  const dir = dirname(file);
  const clusterFile = resolve(dir, spec.cluster);
  const accountsFile = resolve(dir, spec.accounts);
  const config = await loadConfigPair(clusterFile, accountsFile);
  if (!config.ok) return config;
  const { cluster, accounts } = config.value;
  const workload = await loadWorkload(spec.workload, dir, yaml.value, cluster);
  if (!workload.ok) return { ok: false, issues: workload.issues, warnings: config.warnings };
  // Events name jobs by id (the first job with it); a scenario without events needs no index.
  const jobs = new Map<string, number>();
  if (Array.isArray(spec.events) && spec.events.length > 0) for (const job of workload.value.jobs) if (!jobs.has(job.id)) jobs.set(job.id, job.submitTime);
  const events = readEvents(issues, ['events'], spec.events, { cluster, accounts, jobs });
  const warnings = [...config.warnings, ...locateIssues(yaml.value, issues.warnings)];
  if (events === undefined) return { ok: false, issues: locateIssues(yaml.value, issues.errors), warnings };
  const w = workload.value;
  const withChecks: Workload = { ...w, warnings: [...w.warnings, ...checkJobNames(w, cluster, accounts, events)] };
  return {
    ok: true,
    value: { file, name: spec.name, description: spec.description, clusterFile, accountsFile, cluster, accounts, workload: withChecks, events, profile: spec.profile },
    warnings,
  };
}

function loadWorkload(spec: WorkloadSpec, dir: string, scenario: YamlFile, cluster: ClusterConfig): Promise<WorkloadResult> | WorkloadResult {
  switch (spec.format) {
    case 'jobs':
      return spec.file !== null ? loadJobsFile(resolve(dir, spec.file)) : inlineJobs(scenario, spec.inline ?? []);
    case 'swf':
      return loadSwfJobs(resolve(dir, spec.file), spec, cluster);
    case 'slurm-variant':
      return loadVariantJobs(resolve(dir, spec.file), spec);
  }
}

/**
 * The files a scenario's result depends on, without validating it: the scenario itself and the
 * cluster, accounts and workload files it names (absolute, those that exist). Cache keys hash them.
 */
export function scenarioInputFiles(file: string): string[] {
  const files = [file];
  let doc: unknown;
  try {
    doc = parseYaml(readFileSync(file, 'utf8'));
  } catch {
    return files;
  }
  if (typeof doc !== 'object' || doc === null) return files;
  const top = doc as Record<string, unknown>;
  const workload = top['workload'];
  const named = [top['cluster'], top['accounts'], typeof workload === 'object' && workload !== null ? (workload as Record<string, unknown>)['file'] : undefined];
  for (const n of named) {
    if (typeof n !== 'string') continue;
    const path = resolve(dirname(file), n);
    if (existsSync(path)) files.push(path);
  }
  return files;
}
