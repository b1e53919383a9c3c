import type { JobSpec } from '../../core/index.js';
import type { SimJob } from '../../runtime-sim/index.js';

/** A job in seconds, the way tests read best: `simJob({ id: 'a', submit: 0, run: 10, limit: 20, nodes: 4 })`. */
export interface JobSketch {
  readonly id?: string;
  readonly submit: number;
  readonly run: number;
  readonly limit?: number;
  readonly nodes: number;
  readonly user?: string;
}

let counter = 0;

export function simJob(s: JobSketch): SimJob {
  const spec: JobSpec = {
    externalId: s.id ?? `j${counter++}`,
    user: s.user ?? 'u',
    account: '',
    partition: 'default',
    qos: '',
    request: { nodeCount: s.nodes, perNode: { cpuMilli: 1000, memMiB: 0 } },
    timeLimit: (s.limit ?? s.run) * 1000,
  };
  return { spec, submitTime: s.submit * 1000, runtime: s.run * 1000, outcome: 'Completed', exitCode: 0 };
}
