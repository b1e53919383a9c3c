import type { Millis } from '../../core/index.js';
import type { ContainerSpec } from '../container/index.js';

/** CraneSched's smallest time limit (kJobMinTimeLimitSec = 11 s). */
export const MIN_TIME_LIMIT: Millis = 11_000;

/**
 * A time limit for a trace job that has none: `factor` x its duration, rounded up to a whole second,
 * at least CraneSched's 11 s minimum. Undefined `factor` leaves the job without a limit.
 */
export function timeLimitFor(duration: Millis, factor: number | undefined): Millis | undefined {
  if (factor === undefined) return undefined;
  return Math.max(MIN_TIME_LIMIT, Math.ceil((duration * factor) / 1000) * 1000);
}

/** A detached container running `image` with nothing else set, as trace importers produce. */
export function plainContainer(image: string, imageSizeMiB: number | undefined): ContainerSpec {
  return {
    image,
    ...(imageSizeMiB === undefined ? {} : { imageSizeMiB }),
    args: [],
    env: {},
    mounts: {},
    tty: false,
    stdin: false,
    detach: true,
  };
}

/** Checks importer options: a factor must be a finite number >= 1 (a limit below the run time kills every job). */
export function checkTimeLimitFactor(factor: number | undefined): string | undefined {
  if (factor === undefined || (Number.isFinite(factor) && factor >= 1)) return undefined;
  return `timeLimitFactor: expected a number >= 1, got ${factor}`;
}
