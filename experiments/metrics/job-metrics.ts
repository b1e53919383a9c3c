import type { Millis } from '../../core/index.js';

/** Bounded slowdown's threshold tau (seconds): jobs shorter than this count as this long. */
export const BSLD_TAU_SECONDS = 10;

/** Per-job metrics of a finished job, in seconds (literature definitions). */
export interface JobMetrics {
  readonly wait: number;
  readonly execution: number;
  /** Response time: wait + execution. */
  readonly turnaround: number;
  /** turnaround / execution (Batsim's `stretch`; plain slowdown). */
  readonly stretch: number;
  /** max(1, turnaround / max(execution, tau)) with tau = 10 s (Feitelson et al.). */
  readonly boundedSlowdown: number;
}

export function jobMetrics(submit: Millis, start: Millis, end: Millis): JobMetrics {
  const wait = (start - submit) / 1000;
  const execution = (end - start) / 1000;
  const turnaround = wait + execution;
  return { wait, execution, turnaround, stretch: stretchOf(turnaround, execution), boundedSlowdown: boundedSlowdownOf(turnaround, execution) };
}

/** `JobMetrics.stretch` from the turnaround and execution (seconds), for loops that build no metrics object. */
export const stretchOf = (turnaround: number, execution: number): number => (execution > 0 ? turnaround / execution : 1);

/** `JobMetrics.boundedSlowdown` from the turnaround and execution (seconds). */
export const boundedSlowdownOf = (turnaround: number, execution: number): number => Math.max(1, turnaround / Math.max(execution, BSLD_TAU_SECONDS));
