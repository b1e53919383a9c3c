import { backfillPolicies, uniformCluster } from '../../core/index.js';
import { simulate, type SimJob, type SimulationResult } from '../../runtime-sim/index.js';

/** Replays jobs on `procs` one-CPU nodes under a named backfill policy, validating as it goes. */
export function replay(jobs: readonly SimJob[], procs: number, policy: string): SimulationResult {
  const factory = backfillPolicies[policy];
  if (factory === undefined) throw new Error(`unknown policy ${policy}`);
  return simulate(jobs, { cluster: uniformCluster(procs), backfill: factory(), validate: true });
}
