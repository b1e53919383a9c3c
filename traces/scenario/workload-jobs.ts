import { isPlainMap, Issues, type ConfigPath } from '../../core/config/index.js';
import { locateIssues, readYamlFile, type YamlFile } from '../config/yaml-file.js';
import type { ScenarioJob } from './job.js';
import { readHandWrittenJob } from './job-fields.js';
import type { WorkloadResult } from './workload.js';

/**
 * Reads a list of hand-written jobs (pure). `path` is where the list sits in its file; `lineOf`
 * gives each job's line. Ids must be unique; a dependency must name a job submitted before this
 * one (earlier submit time, or the same time and earlier in the list), as CraneSched only accepts
 * ids of jobs that already exist.
 */
export function readJobList(issues: Issues, path: ConfigPath, list: readonly unknown[], lineOf: (path: ConfigPath) => number): readonly ScenarioJob[] {
  const jobs: ScenarioJob[] = [];
  const index: number[] = [];
  list.forEach((entry, i) => {
    const job = readHandWrittenJob(issues, [...path, i], entry, i, lineOf([...path, i]));
    if (job !== undefined) {
      jobs.push(job);
      index.push(i);
    }
  });
  checkJobReferences(jobs, (j, field, message) => issues.error([...path, index[j]!, ...(field === undefined ? [] : [field])], message));
  return jobs;
}

/** Workload-level checks on jobs in file order; `report` gets the job's position in `jobs`. */
export function checkJobReferences(jobs: readonly ScenarioJob[], report: (job: number, field: string | undefined, message: string) => void): void {
  const position = new Map<string, number>();
  jobs.forEach((job, j) => {
    const first = position.get(job.id);
    if (first !== undefined) report(j, 'id', `job id '${job.id}' is already used by the job on line ${jobs[first]!.line}`);
    else position.set(job.id, j);
  });
  jobs.forEach((job, j) => {
    for (const item of job.dependency?.items ?? []) {
      const k = position.get(item.job);
      if (item.job === job.id) report(j, 'dependency', `a job cannot depend on itself ('${job.id}')`);
      else if (k === undefined) report(j, 'dependency', `job '${item.job}' is not in the workload`);
      else {
        const target = jobs[k]!;
        if (target.submitTime > job.submitTime || (target.submitTime === job.submitTime && k > j)) {
          report(j, 'dependency', `job '${item.job}' is submitted after this one; CraneSched only accepts dependencies on jobs that already exist`);
        }
      }
    }
    if (job.deadline !== null && job.deadline <= job.submitTime) report(j, 'deadline', `expected a deadline after the submit time (${job.submitTime / 1000} s), got ${job.deadline / 1000} s`);
  });
}

/**
 * Loads hand-written jobs from their own YAML file: a list of jobs, or a map with a `jobs:` list.
 */
export async function loadJobsFile(file: string): Promise<WorkloadResult> {
  const read = await readYamlFile(file);
  if (!read.ok) return { ok: false, issues: read.issues };
  return jobsFrom(read.value, read.value.value, []);
}

/** Jobs written inline in the scenario file under `workload.jobs`. */
export function inlineJobs(scenario: YamlFile, list: readonly unknown[]): WorkloadResult {
  return jobsFrom(scenario, list, ['workload', 'jobs']);
}

function jobsFrom(yaml: YamlFile, v: unknown, path: ConfigPath): WorkloadResult {
  const issues = new Issues();
  let list: readonly unknown[] | undefined;
  let at = path;
  if (Array.isArray(v)) list = v;
  else if (isPlainMap(v) && Array.isArray(v['jobs']) && Object.keys(v).length === 1) {
    list = v['jobs'];
    at = [...path, 'jobs'];
  } else issues.error(path, 'expected a list of jobs, or a map with a jobs: list');
  const jobs = list === undefined ? [] : readJobList(issues, at, list, (p) => yaml.lineOf(p));
  if (issues.count > 0) return { ok: false, issues: locateIssues(yaml, issues.errors) };
  return { ok: true, value: { format: 'jobs', file: yaml.file, jobs, warnings: [] } };
}
