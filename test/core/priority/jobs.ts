import type { MultifactorConfig, PriorityJob, PriorityWeights } from '../../../core/priority/index.js';

/**
 * Test builders for priority jobs, in seconds and whole CPUs (what a table reads best):
 * `pending({ submit: 60, cpus: 4 })`, `running({ start: 900, account: 'a' })`.
 * Unset fields: qos and partition priority 0, 1 CPU, 1 node, 1000 MiB, account 'acct'.
 * `index` defaults to the position given by `indexed`.
 */
export interface JobSketch {
  readonly index?: number;
  readonly submit?: number;
  readonly qos?: number;
  readonly part?: number;
  readonly cpus?: number;
  readonly nodes?: number;
  readonly mem?: number;
  readonly account?: string;
  readonly mandated?: number;
}

export function pending(s: JobSketch = {}): PriorityJob {
  return base(s, true, NaN);
}

export function running(s: JobSketch & { readonly start: number }): PriorityJob {
  return base(s, false, Math.round(s.start * 1000));
}

function base(s: JobSketch, isPending: boolean, startTime: number): PriorityJob {
  const job: PriorityJob = {
    index: s.index ?? -1,
    pending: isPending,
    submitTime: Math.round((s.submit ?? 0) * 1000),
    startTime,
    qosPriority: s.qos ?? 0,
    partitionPriority: s.part ?? 0,
    cpuMilli: Math.round((s.cpus ?? 1) * 1000),
    nodes: s.nodes ?? 1,
    memMiB: s.mem ?? 1000,
    account: s.account ?? 'acct',
  };
  return s.mandated === undefined ? job : { ...job, mandatedPriority: s.mandated };
}

/** Gives each job without an explicit index its position in the list. */
export function indexed(jobs: readonly PriorityJob[]): PriorityJob[] {
  return jobs.map((j, i) => (j.index === -1 ? { ...j, index: i } : j));
}

export const NO_WEIGHTS: PriorityWeights = { age: 0, fairShare: 0, jobSize: 0, partition: 0, qos: 0 };

/** A config with only the given weights set (the rest 0), max age 7 days, favorSmall unless told. */
export function weights(w: Partial<PriorityWeights>, extra: Partial<MultifactorConfig> = {}): MultifactorConfig {
  return { weights: { ...NO_WEIGHTS, ...w }, maxAgeMs: 7 * 86_400_000, favorSmall: true, ...extra };
}
