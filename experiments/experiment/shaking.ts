import seedrandom from 'seedrandom';
import type { SimJob } from '../../runtime-sim/index.js';

/**
 * Input shaking in the manner of Tsafrir, Ouaknine and Feitelson ("Reducing performance evaluation
 * sensitivity and variability by input shaking", MASCOTS 2007): each seed replays a slightly
 * perturbed copy of the trace, so a metric comes with a spread over seeds instead of one possibly
 * lucky value. Seed 0 is the trace itself, untouched.
 *
 * For seed s > 0, a generator seeded with `cranelab-shake/<s>` (seedrandom's ARC4) draws two
 * uniform numbers u, v in [0, 1) per job, in file order, whatever the parameters, so a job gets the
 * same draws under every profile and variant (common random numbers: profiles are compared on the
 * same shaken inputs). Then:
 *   submit'  = max(0, submit + round((2u - 1) * submitJitterSeconds) s)
 *   runtime' = clamp(round(runtime * (1 + (2v - 1) * runtimeJitter)) to whole s, 1 s, time limit)
 * The time limit (the user's estimate) is not changed, and the clamp keeps a job that ended on its
 * own from being newly killed at its limit; outcome and exit code stay.
 */
export interface ShakingParams {
  /** Largest shift of a submit time, in seconds (integer >= 0). */
  readonly submitJitterSeconds: number;
  /** Largest relative change of a runtime (0 <= r < 1): 0.05 means +-5%. */
  readonly runtimeJitter: number;
}

export const DEFAULT_SHAKING: ShakingParams = { submitJitterSeconds: 60, runtimeJitter: 0.05 };

/** The seed that means "the trace as recorded". */
export const UNSHAKEN_SEED = 0;

export function shakeJobs(jobs: readonly SimJob[], seed: number, params: ShakingParams): readonly SimJob[] {
  if (!Number.isInteger(seed) || seed < 0) throw new Error(`shakeJobs: seed must be a non-negative integer, got ${seed}`);
  if (seed === UNSHAKEN_SEED) return jobs;
  const rng = seedrandom(`cranelab-shake/${seed}`);
  return jobs.map((job) => {
    const u = rng();
    const v = rng();
    const shift = Math.round((2 * u - 1) * params.submitJitterSeconds) * 1000;
    const scaled = Math.round((job.runtime / 1000) * (1 + (2 * v - 1) * params.runtimeJitter)) * 1000;
    const limit = job.spec.timeLimit ?? Infinity;
    const runtime = Math.min(Math.max(scaled, 1000), Math.max(limit, 1000));
    return { ...job, submitTime: Math.max(0, job.submitTime + shift), runtime };
  });
}
