import type { JobSpec, ResourceRequest } from '../../core/index.js';
import type { SimJob } from '../../runtime-sim/index.js';

/** A job sketch in seconds with CraneSched-style resources, for scheduler tests. */
export interface Sketch {
  readonly id: string;
  readonly submit?: number;
  readonly run: number;
  readonly limit?: number;
  readonly nodes?: number;
  readonly cpus?: number;
  readonly memMiB?: number;
  readonly gres?: ReadonlyArray<{ name: string; type: string | null; count: number }>;
  readonly request?: Partial<ResourceRequest>;
  readonly spec?: Partial<JobSpec>;
  readonly outcome?: SimJob['outcome'];
}

export function job(s: Sketch): SimJob {
  const request: ResourceRequest = {
    nodeCount: s.nodes ?? 1,
    perNode: { cpuMilli: (s.cpus ?? 1) * 1000, memMiB: s.memMiB ?? 0, ...(s.gres === undefined ? {} : { gres: s.gres }) },
    ...s.request,
  };
  const spec: JobSpec = {
    externalId: s.id,
    user: 'alice',
    account: 'acct',
    partition: '',
    qos: '',
    request,
    timeLimit: (s.limit ?? s.run) * 1000,
    ...s.spec,
  };
  const outcome = s.outcome ?? 'Completed';
  return { spec, submitTime: (s.submit ?? 0) * 1000, runtime: s.run * 1000, outcome, exitCode: outcome === 'Completed' ? 0 : 1 };
}
