import seedrandom from 'seedrandom';
import type { SimJob } from '../../runtime-sim/index.js';
import type { ContainerJob } from '../../traces/container/index.js';

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

/**
 * Shaking of a container workload (before it is split per container, so both submission modes of a
 * seed see the same shaken work: common random numbers across variants too). For seed s > 0, per
 * job in file order, u and v from `cranelab-shake/<s>` exactly as `shakeJobs` draws them (so submit
 * times shake as they would for the same jobs in a plain trace), and one w per appended step, in file
 * order over all jobs, from a second generator `cranelab-shake/<s>/steps`. Then:
 *   submit'         = max(0, submit + round((2u - 1) * submitJitterSeconds) s)
 *   primary run'    = clamp(round(duration * (1 + (2v - 1) * runtimeJitter)) ms, 0, job time limit)
 *   step k run'     = clamp(round(duration * (1 + (2w - 1) * runtimeJitter)) ms, 0, step time limit, else job's)
 * Durations round to the ms, not the second (container steps are often shorter than a second). The
 * clamp keeps a step that ended on its own from being newly killed by its limit, except that a
 * step's limit also counts its image pull, which the workload does not know. Exit codes, appends,
 * requests and limits stay.
 */
export function shakeContainerJobs(jobs: readonly ContainerJob[], seed: number, params: ShakingParams): readonly ContainerJob[] {
  if (!Number.isInteger(seed) || seed < 0) throw new Error(`shakeContainerJobs: seed must be a non-negative integer, got ${seed}`);
  if (seed === UNSHAKEN_SEED) return jobs;
  const rng = seedrandom(`cranelab-shake/${seed}`);
  const stepRng = seedrandom(`cranelab-shake/${seed}/steps`);
  const scale = (duration: number, x: number, limit: number | undefined): number =>
    Math.min(Math.max(0, Math.round(duration * (1 + (2 * x - 1) * params.runtimeJitter))), Math.max(limit ?? Infinity, 0));
  return jobs.map((job) => {
    const u = rng();
    const v = rng();
    const shift = Math.round((2 * u - 1) * params.submitJitterSeconds) * 1000;
    return {
      ...job,
      submitTime: Math.max(0, job.submitTime + shift),
      primary: { ...job.primary, duration: scale(job.primary.duration, v, job.timeLimit) },
      steps: job.steps.map((step) => ({ ...step, duration: scale(step.duration, stepRng(), step.timeLimit ?? job.timeLimit) })),
    };
  });
}
