import { assertNever } from '../../core/index.js';
import type { AppendedStep, ContainerJob, JobDependency, PrimaryStep } from '../container/index.js';

/**
 * The same work without Pod reuse: each step of a Pod job becomes a job of its own, as a user
 * without `cbatch --pod` would submit it (`ccon run` per container, chained with `-d`), so an
 * experiment can run one workload both ways and compare queue waits, start-up overheads and
 * allocation use.
 *
 * For a job `J` with primary P and appended steps s2, s3, ...:
 * - a `container` primary becomes job `J.1` (a `script` primary, which only drives the steps, is dropped);
 * - step k becomes job `J.k` (k = 2, 3, ...: CraneSched's step ids), submitted at J's submit time, with
 *   the step's resources, its time limit (else J's), J's Pod metadata (each job gets its own Pod), and
 *   the step's run time and exit code; a container step stays a container primary, a `crun` step
 *   becomes a script primary;
 * - `after` becomes `afterany` on the previous step's job; `parallel` copies the previous step's
 *   dependencies (the two are submitted together); `offset` s becomes `after` + s on the job that
 *   stands for the primary's start: `J.1`, else the first step's job. With no such job (the first
 *   step of a script job), `after` and `parallel` have no dependency and `offset` delays the submit.
 * - J's own dependencies carry over to the jobs that have no other; `meta` gets `splitFrom: J`.
 */
export function splitPodJob(job: ContainerJob): ContainerJob[] {
  const out: ContainerJob[] = [];
  const base = { ...(job.user === undefined ? {} : { user: job.user }), ...(job.account === undefined ? {} : { account: job.account }) };
  const scope = {
    ...base,
    ...(job.partition === undefined ? {} : { partition: job.partition }),
    ...(job.qos === undefined ? {} : { qos: job.qos }),
  };
  const inherited = job.dependencies ?? [];
  let anchor: string | undefined;
  if (job.primary.kind === 'container') {
    anchor = `${job.id}.1`;
    out.push({
      id: anchor,
      submitTime: job.submitTime,
      ...scope,
      resources: job.resources,
      ...(job.timeLimit === undefined ? {} : { timeLimit: job.timeLimit }),
      pod: job.pod,
      primary: job.primary,
      steps: [],
      ...(inherited.length === 0 ? {} : { dependencies: inherited }),
      meta: { ...job.meta, splitFrom: job.id, step: 1 },
    });
  }
  let previous: { id: string; deps: readonly JobDependency[] } | undefined;
  job.steps.forEach((step, i) => {
    const id = `${job.id}.${i + 2}`;
    let deps: readonly JobDependency[];
    let submitTime = job.submitTime;
    switch (step.append.mode) {
      case 'after':
        deps = previous === undefined ? (anchor === undefined ? [] : [{ type: 'after', job: anchor, delay: 0 }]) : [{ type: 'afterany', job: previous.id, delay: 0 }];
        break;
      case 'parallel':
        deps = previous === undefined ? (anchor === undefined ? [] : [{ type: 'after', job: anchor, delay: 0 }]) : previous.deps;
        break;
      case 'offset':
        if (anchor === undefined) {
          deps = [];
          submitTime += step.append.offset;
        } else {
          deps = [{ type: 'after', job: anchor, delay: step.append.offset }];
        }
        break;
      default:
        return assertNever(step.append, 'append mode');
    }
    const dependencies = deps.length === 0 ? inherited : deps;
    const timeLimit = step.timeLimit ?? job.timeLimit;
    out.push({
      id,
      ...(step.name === undefined ? {} : { name: step.name }),
      submitTime,
      ...scope,
      resources: step.resources,
      ...(timeLimit === undefined ? {} : { timeLimit }),
      pod: job.pod,
      primary: primaryOf(step),
      steps: [],
      ...(dependencies.length === 0 ? {} : { dependencies }),
      meta: { ...job.meta, splitFrom: job.id, step: i + 2 },
    });
    previous = { id, deps };
    if (anchor === undefined && job.primary.kind === 'script') anchor = id;
  });
  return out;
}

function primaryOf(step: AppendedStep): PrimaryStep {
  switch (step.kind) {
    case 'container':
      return { kind: 'container', duration: step.duration, exitCode: step.exitCode, container: step.container };
    case 'crun':
      return { kind: 'script', duration: step.duration, exitCode: step.exitCode, waitForSteps: false };
    default:
      return assertNever(step, 'step');
  }
}

/** Every job split, in input order (each job's pieces in step order, so dependencies point backwards). */
export function splitPodWorkload(jobs: Iterable<ContainerJob>): ContainerJob[] {
  const out: ContainerJob[] = [];
  for (const job of jobs) out.push(...splitPodJob(job));
  return out;
}
