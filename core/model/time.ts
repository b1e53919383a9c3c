/**
 * Time in the core and in the simulator is an integer number of milliseconds on the workload's own
 * axis (for an SWF trace: seconds since the trace's origin x 1000). The core never reads a clock.
 */
export type Millis = number;

export const MS_PER_SECOND = 1000;

export const secondsToMillis = (s: number): Millis => Math.round(s * MS_PER_SECOND);
export const millisToSeconds = (ms: Millis): number => ms / MS_PER_SECOND;
