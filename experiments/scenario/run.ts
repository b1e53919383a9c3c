import type { JobId, PendingReason } from '../../core/index.js';
import { REPLAY_CLOCK_ORIGIN, Simulation, type SimulationResult } from '../../runtime-sim/index.js';
import type { PreparedScenario } from './prepare.js';

export interface ScenarioRun {
  readonly result: SimulationResult;
  /**
   * Pending reasons seen: per reason, how many distinct jobs had it at the end of some instant
   * (after every event of that instant was processed), sorted by reason.
   */
  readonly pendingReasons: Readonly<Record<string, number>>;
}

/** Simulates a prepared scenario to the end, watching the pending queue after every instant. */
export function runScenario(prepared: PreparedScenario, onProgress?: (finished: number, total: number) => void): ScenarioRun {
  const sim = new Simulation(prepared.jobs, { ...prepared.options, clockOrigin: REPLAY_CLOCK_ORIGIN });
  const seen = new Map<PendingReason, Set<JobId>>();
  // The reason each job was last counted with.
  const counted: Array<PendingReason | undefined> = [];
  const count = (id: JobId, reason: PendingReason): void => {
    let set = seen.get(reason);
    if (set === undefined) seen.set(reason, (set = new Set()));
    set.add(id);
  };
  let instants = 0;
  while (sim.stepInstant()) {
    sim.scheduler.forEachNewPendingReason(counted, count);
    if (onProgress !== undefined && ++instants % 4096 === 0) onProgress(sim.finished, sim.total);
  }
  onProgress?.(sim.finished, sim.total);
  const pendingReasons = Object.fromEntries([...seen].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([r, s]) => [r, s.size]));
  return { result: sim.result(), pendingReasons };
}
