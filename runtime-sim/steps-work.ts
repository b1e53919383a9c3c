import type { CommonStepSpec, Millis } from '../core/index.js';

/**
 * What a job's steps really do in the simulated world (hidden from the core, like a plain job's
 * runtime): how long each runs and how it exits, the sizes of their images, and when the job appends
 * them. Built from a container workload (traces/container) or by hand.
 */
export interface StepWork {
  /** How long the step's process or container runs once started, ms. */
  readonly duration: Millis;
  /** Its exit value, 0..255 (a container's above 128 reads as a signal, CraneSched's rule). */
  readonly exitCode: number;
  /** Compressed image size, MiB, for the pull model (container steps); absent: the cost model's default. */
  readonly imageSizeMiB?: number;
}

/**
 * When the job submits an appended step (traces/container `AppendMode`): `after` the previous
 * appended step ends (the first: when the primary starts), `parallel` with the previous one's
 * submission (the first: when the primary starts), or `offset` ms after the primary starts. Steps
 * are submitted in file order: a step is never submitted before the one ahead of it.
 */
export type StepAppend = { readonly mode: 'after' } | { readonly mode: 'parallel' } | { readonly mode: 'offset'; readonly offset: Millis };

export interface SimAppendedStep {
  readonly spec: CommonStepSpec;
  readonly work: StepWork;
  readonly append: StepAppend;
  readonly name?: string;
}

export interface SimStepsWork {
  /**
   * The primary (step 1). With `waitForSteps` a script ends at the later of its own duration and the
   * end of its last appended step (a script ending in `ccon wait`).
   */
  readonly primary: StepWork & { readonly waitForSteps: boolean };
  readonly steps: readonly SimAppendedStep[];
}
