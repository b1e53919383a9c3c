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
  return {
    wait,
    execution,
    turnaround,
    stretch: execution > 0 ? turnaround / execution : 1,
    boundedSlowdown: Math.max(1, turnaround / Math.max(execution, BSLD_TAU_SECONDS)),
  };
}
