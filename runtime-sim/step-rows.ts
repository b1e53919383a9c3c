import type { JobId, JobStepsView, Millis, StepId } from '../core/index.js';
import type { ImageCache } from './image-cache.js';

/** One step of one job as `steps.csv` shows it (times in ms on the workload's axis; NaN: never). */
export interface StepRow {
  readonly jobId: JobId;
  readonly externalId: string;
  readonly stepId: number;
  readonly name: string;
  readonly role: 'primary' | 'common';
  /** `container`, `script`, `process` or `allocation`. */
  readonly payload: string;
  readonly image: string;
  readonly nodes: number;
  /** Milli-CPUs it holds, summed over its nodes (0 for a script, which takes nothing from the job). */
  readonly cpuMilli: number;
  readonly submitTime: Millis;
  /** Left Pending: nodes chosen inside the job (the step's time limit starts here). */
  readonly configuredTime: Millis;
  /** Running on every node. */
  readonly startTime: Millis;
  readonly endTime: Millis;
  /** Longest image wait over its nodes (0 on a cache hit or without an image). */
  readonly pullTime: Millis;
  /** Whether some node transferred or refreshed its image. */
  readonly pulled: boolean;
  readonly finalState: string;
  /** CraneSched's encoded exit code; NaN for a refused step. */
  readonly exitCode: number;
  /** The CraneSched error a refused submission got (final state `Rejected`), else ''. */
  readonly rejectCode: string;
}

/** What the containers cost over a run, for the Pods comparison. */
export interface PodStats {
  /** Pod sandboxes started (one per node of every Container job). */
  readonly sandboxes: number;
  /** Their start time, summed over nodes, ms. */
  readonly sandboxMs: number;
  /** Sandboxes that failed to start (`ContainerCosts.podFailureRate`); each fails its job. */
  readonly sandboxFailures: number;
  /** Container starts (one per node of every container step that got its image). */
  readonly containerStarts: number;
  /** Time from a container step's Configuring to its container running, image waits included, summed over nodes, ms. */
  readonly containerStartMs: number;
  /** Image waits summed over nodes, ms (part of `containerStartMs`). */
  readonly pullMs: number;
  readonly imageHits: number;
  readonly imageMisses: number;
  readonly imageRefreshes: number;
  readonly pulledMiB: number;
}

interface Build {
  readonly jobId: JobId;
  readonly externalId: string;
  readonly stepId: StepId;
  payload: string;
  image: string;
  nodes: number;
  cpuMilli: number;
  configured: Millis;
  pull: Millis;
  pulled: boolean;
  running: Millis;
  runningNodes: number;
  end: Millis;
}

/** Collects per-step metrics while the pod runtime runs. */
export class StepRows {
  private readonly live = new Map<string, Build>();
  private readonly externalIds = new Map<JobId, string>();
  private readonly done: StepRow[] = [];
  private sandboxCount = 0;
  private sandboxTime = 0;
  private failedSandboxes = 0;
  private starts = 0;
  private startTime = 0;
  private pullTime = 0;

  jobStarted(job: JobId, externalId: string, _now: Millis): void {
    this.externalIds.set(job, externalId);
  }

  sandboxes(count: number, each: Millis): void {
    this.sandboxCount += count;
    this.sandboxTime += count * each;
  }

  sandboxFailures(count: number): void {
    this.failedSandboxes += count;
  }

  configured(job: JobId, stepId: StepId, payload: string, image: string | null, nodes: number, cpuMilli: number, now: Millis): void {
    this.live.set(`${job}:${stepId}`, { jobId: job, externalId: this.externalIds.get(job) ?? '', stepId, payload, image: image ?? '', nodes, cpuMilli, configured: now, pull: 0, pulled: false, running: NaN, runningNodes: 0, end: NaN });
  }

  /** One node prepared the step: its image wait and its time to running (NaN: the prepare failed). */
  nodePrepared(job: JobId, stepId: StepId, pullWait: Millis, toRunning: Millis, pulled = false): void {
    const b = this.live.get(`${job}:${stepId}`)!;
    b.pull = Math.max(b.pull, pullWait);
    b.pulled ||= pulled;
    if (b.payload === 'container') {
      this.pullTime += pullWait;
      if (!Number.isNaN(toRunning)) {
        this.starts++;
        this.startTime += toRunning;
      }
    }
  }

  nodeRunning(job: JobId, stepId: StepId, now: Millis): void {
    const b = this.live.get(`${job}:${stepId}`);
    if (b === undefined) return;
    b.runningNodes++;
    if (b.runningNodes === b.nodes) b.running = now;
  }

  nodeEnded(job: JobId, stepId: StepId, now: Millis): void {
    const b = this.live.get(`${job}:${stepId}`);
    if (b !== undefined) b.end = Math.max(Number.isNaN(b.end) ? -Infinity : b.end, now);
  }

  /**
   * The job's Pod is released: its steps' final states and codes come from the core's view; steps
   * that never left Pending get a row too; `refused` are the submissions the core refused.
   */
  jobEnded(job: JobId, view: JobStepsView | undefined, _now: Millis, names: (id: StepId) => string = () => '', refused: readonly { readonly code: string; readonly at: Millis; readonly name: string }[] = []): void {
    const externalId = this.externalIds.get(job) ?? '';
    for (const s of view?.steps ?? []) {
      const b = this.live.get(`${job}:${s.id}`);
      this.live.delete(`${job}:${s.id}`);
      this.done.push({
        jobId: job,
        externalId,
        stepId: s.id,
        name: names(s.id),
        role: s.role,
        payload: s.payload.kind,
        image: s.payload.kind === 'container' ? s.payload.container.image : '',
        nodes: b?.nodes ?? s.nodes.length,
        cpuMilli: b?.cpuMilli ?? 0,
        submitTime: s.submittedAt,
        configuredTime: s.configuredAt ?? NaN,
        startTime: b?.running ?? NaN,
        endTime: b?.end ?? NaN,
        pullTime: b?.pull ?? 0,
        pulled: b?.pulled ?? false,
        finalState: s.end?.status ?? s.status,
        exitCode: s.end?.exitCode ?? NaN,
        rejectCode: '',
      });
    }
    for (const r of refused) {
      this.done.push({ jobId: job, externalId, stepId: NaN, name: r.name, role: 'common', payload: '', image: '', nodes: 0, cpuMilli: 0, submitTime: r.at, configuredTime: NaN, startTime: NaN, endTime: NaN, pullTime: 0, pulled: false, finalState: 'Rejected', exitCode: NaN, rejectCode: r.code });
    }
    this.externalIds.delete(job);
  }

  /** Rows of ended jobs, by job id then step id (refused steps last within their job). */
  all(): StepRow[] {
    return [...this.done].sort((a, b) => a.jobId - b.jobId || (Number.isNaN(a.stepId) ? 1 : 0) - (Number.isNaN(b.stepId) ? 1 : 0) || a.stepId - b.stepId);
  }

  stats(caches: readonly (ImageCache | undefined)[]): PodStats {
    let hits = 0;
    let misses = 0;
    let refreshes = 0;
    let pulledMiB = 0;
    for (const c of caches) {
      if (c === undefined) continue;
      const s = c.stats;
      hits += s.hits;
      misses += s.misses;
      refreshes += s.refreshes;
      pulledMiB += s.pulledMiB;
    }
    return { sandboxes: this.sandboxCount, sandboxMs: this.sandboxTime, sandboxFailures: this.failedSandboxes, containerStarts: this.starts, containerStartMs: this.startTime, pullMs: this.pullTime, imageHits: hits, imageMisses: misses, imageRefreshes: refreshes, pulledMiB };
  }
}
