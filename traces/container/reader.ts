import { WarningTally, type InputIssue, type InputWarning } from '../issue.js';
import { forEachLine } from '../swf/lines.js';
import { readJob } from './job-schema.js';
import type { ContainerJob, ContainerSpec } from './types.js';

/** Where a line came from, for messages. */
export interface LineSource {
  readonly file: string;
  readonly line: number;
}

export type JobLineResult = { readonly ok: true; readonly value: ContainerJob } | { readonly ok: false; readonly issues: readonly InputIssue[] };

/**
 * Parses and validates one job line. Every issue on the line is reported, each naming the file,
 * line and JSON field path (`w.jsonl:12: steps[2].container.image: expected a non-empty string, got 42`);
 * a line with any issue yields no job.
 */
export function parseContainerJobLine(text: string, where: LineSource): JobLineResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { ok: false, issues: [{ ...where, message: `invalid JSON: ${(e as Error).message}` }] };
  }
  const issues: InputIssue[] = [];
  const job = readJob(value, {
    add(path, message) {
      issues.push(path === '' ? { ...where, message } : { ...where, field: path, message });
    },
  });
  if (issues.length > 0 || job === undefined) {
    return { ok: false, issues: issues.length > 0 ? issues : [{ ...where, message: 'invalid job' }] };
  }
  return { ok: true, value: job };
}

export interface ContainerReadOptions {
  /** Stop collecting after this many issues (default 50); the result says it stopped. */
  readonly maxIssues?: number;
}

export interface ContainerReadSummary {
  readonly file: string;
  /** Jobs handed to `onJob`. */
  readonly jobs: number;
  readonly warnings: readonly InputWarning[];
}

export type ContainerReadResult =
  | { readonly ok: true; readonly value: ContainerReadSummary }
  | { readonly ok: false; readonly issues: readonly InputIssue[] };

/**
 * Streams a container workload (`.jsonl`, or `.jsonl.gz`) line by line, handing each valid job to
 * `onJob`; the file is never held whole. Blank lines and lines starting with `#` are skipped.
 *
 * Checks across lines: job ids are unique, dependencies name jobs on earlier lines, and one image
 * has one declared size. Submit times out of
 * order are a counted warning (the simulator sorts jobs stably by submit time). Any issue makes the
 * read fail; all issues up to `maxIssues` are returned, so a user fixes a file in one pass.
 */
export async function readContainerWorkload(
  file: string,
  onJob: (job: ContainerJob, line: number) => void,
  options: ContainerReadOptions = {},
): Promise<ContainerReadResult> {
  const maxIssues = options.maxIssues ?? 50;
  const issues: InputIssue[] = [];
  const warnings = new WarningTally(file);
  const ids = new Map<string, number>();
  const imageSizes = new Map<string, { sizeMiB: number; line: number }>();
  let jobs = 0;
  let lastSubmit = -Infinity;
  let stopped = false;
  await forEachLine(file, (raw, line) => {
    const text = raw.trim();
    if (text.length === 0 || text.startsWith('#')) return true;
    const r = parseContainerJobLine(text, { file, line });
    if (!r.ok) {
      issues.push(...r.issues);
    } else {
      const job = r.value;
      const firstLine = ids.get(job.id);
      if (firstLine !== undefined) issues.push({ file, line, field: 'id', message: `duplicate job id ${JSON.stringify(job.id)} (first at line ${firstLine})` });
      else ids.set(job.id, line);
      for (const { path, container } of containersOf(job)) {
        const size = container.imageSizeMiB;
        if (size === undefined) continue;
        const known = imageSizes.get(container.image);
        if (known === undefined) imageSizes.set(container.image, { sizeMiB: size, line });
        else if (known.sizeMiB !== size) {
          issues.push({
            file,
            line,
            field: `${path}.imageSizeMiB`,
            message: `image ${JSON.stringify(container.image)} was given ${known.sizeMiB} MiB at line ${known.line}; one image has one size`,
          });
        }
      }
      job.dependencies?.forEach((d, i) => {
        if (!ids.has(d.job) || d.job === job.id) {
          issues.push({ file, line, field: `dependencies[${i}].job`, message: `job ${JSON.stringify(d.job)} is not on an earlier line` });
        }
      });
      if (job.submitTime < lastSubmit) warnings.add('submit times are not in ascending order; jobs are sorted by submit time (stable)', line);
      lastSubmit = Math.max(lastSubmit, job.submitTime);
      if (issues.length === 0) {
        jobs++;
        onJob(job, line);
      }
    }
    if (issues.length >= maxIssues) {
      stopped = true;
      return false;
    }
    return true;
  });
  if (issues.length > 0) {
    const shown = issues.slice(0, maxIssues);
    if (stopped) shown.push({ file, message: `stopped after ${maxIssues} issues` });
    return { ok: false, issues: shown };
  }
  return { ok: true, value: { file, jobs, warnings: warnings.list() } };
}

export type ContainerLoadResult =
  | { readonly ok: true; readonly value: { readonly file: string; readonly jobs: readonly ContainerJob[]; readonly warnings: readonly InputWarning[] } }
  | { readonly ok: false; readonly issues: readonly InputIssue[] };

/** Reads a whole container workload into memory (jobs in file order). */
export async function loadContainerWorkload(file: string, options: ContainerReadOptions = {}): Promise<ContainerLoadResult> {
  const jobs: ContainerJob[] = [];
  const r = await readContainerWorkload(file, (job) => jobs.push(job), options);
  if (!r.ok) return r;
  return { ok: true, value: { file, jobs, warnings: r.value.warnings } };
}

/** Every container in a job with its field path (the primary's, then each container step's). */
export function containersOf(job: ContainerJob): { readonly path: string; readonly container: ContainerSpec }[] {
  const out: { path: string; container: ContainerSpec }[] = [];
  if (job.primary.kind === 'container') out.push({ path: 'primary.container', container: job.primary.container });
  job.steps.forEach((s, i) => {
    if (s.kind === 'container') out.push({ path: `steps[${i}].container`, container: s.container });
  });
  return out;
}
