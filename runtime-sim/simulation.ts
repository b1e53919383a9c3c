import {
  Driver,
  Scheduler,
  type BackfillPolicy,
  type ClusterSpec,
  type JobId,
  type JobView,
  type Millis,
  type NodeId,
  type RejectCode,
} from '../core/index.js';
import { EventQueue, EventRank } from './event-queue.js';
import { ScheduleValidator } from './validator.js';
import { EXIT_TIME_LIMIT, sortBySubmit, type SimJob } from './workload.js';

type Payload =
  | { readonly kind: 'end'; readonly job: JobId; readonly nodes: readonly NodeId[]; readonly killed: boolean }
  | { readonly kind: 'launch'; readonly job: JobId; readonly nodes: readonly NodeId[] }
  | { readonly kind: 'wake' };

export interface SimulationOptions {
  readonly cluster: ClusterSpec;
  readonly backfill: BackfillPolicy;
  /** Check the schedule's invariants as it runs (cheap; on by default). */
  readonly validate?: boolean;
  /** Called now and then with the number of jobs finished so far. */
  readonly onProgress?: (finished: number, total: number) => void;
}

export interface Rejection {
  readonly job: SimJob;
  readonly code: RejectCode;
  readonly message: string;
}

export interface SimulationResult {
  /** Accepted jobs in submission order, with what the core recorded. */
  readonly jobs: readonly { readonly sim: SimJob; readonly view: JobView }[];
  readonly rejected: readonly Rejection[];
  /** Number of events processed (submissions, ends, launches, wake-ups). */
  readonly events: number;
}

/**
 * Replays a workload on a simulated cluster through the shared driver. Events: each job's
 * submission at its submit time; its launch when the core decides to start it (after that
 * instant's ends); its end at launch + min(runtime, time limit). See event-queue.ts for the
 * same-instant order.
 */
export function simulate(workload: readonly SimJob[], options: SimulationOptions): SimulationResult {
  const jobs = sortBySubmit(workload);
  const events = new EventQueue<Payload>();
  const validator = options.validate === false ? undefined : new ScheduleValidator(options.cluster.nodes.length);
  const scheduler = new Scheduler(options.cluster, options.backfill);
  const simOf: SimJob[] = []; // by core job id
  const wakes = new Set<Millis>();
  let now: Millis = -Infinity;

  const driver = new Driver(scheduler, {
    startJob: (d, at) => events.push(at, EventRank.Launch, { kind: 'launch', job: d.jobId, nodes: d.nodes }, at),
    wakeAt: (time, at) => {
      if (wakes.has(time)) return;
      wakes.add(time);
      events.push(time, EventRank.Launch, { kind: 'wake' }, at);
    },
  });

  const rejected: Rejection[] = [];
  let next = 0;
  let processed = 0;
  let finished = 0;
  const progressEvery = 8192;

  for (;;) {
    const top = events.peek();
    const sub = jobs[next];
    if (sub !== undefined && (top === undefined || sub.submitTime <= top.time)) {
      // Submissions have the lowest rank: they go first within their instant.
      next++;
      now = sub.submitTime;
      const result = driver.submit(sub.spec, now);
      if (result.ok) {
        simOf[result.jobId] = sub;
        validator?.submit(result.jobId, now);
      } else {
        rejected.push({ job: sub, code: result.code, message: result.message });
      }
    } else if (top !== undefined) {
      events.pop();
      now = top.time;
      const p = top.payload;
      switch (p.kind) {
        case 'launch': {
          const sim = simOf[p.job]!;
          validator?.start(p.job, p.nodes, now);
          driver.observe({ type: 'JobStarted', jobId: p.job, time: now });
          const limit = sim.spec.timeLimit;
          const killed = sim.runtime > limit;
          events.push(now + (killed ? limit : sim.runtime), EventRank.End, { kind: 'end', job: p.job, nodes: p.nodes, killed }, now);
          break;
        }
        case 'end': {
          const sim = simOf[p.job]!;
          validator?.end(p.job, p.nodes, now);
          driver.observe(
            p.killed
              ? { type: 'JobEnded', jobId: p.job, time: now, outcome: 'ExceedTimeLimit', exitCode: EXIT_TIME_LIMIT }
              : { type: 'JobEnded', jobId: p.job, time: now, outcome: sim.outcome, exitCode: sim.exitCode },
          );
          finished++;
          if (options.onProgress !== undefined && finished % progressEvery === 0) options.onProgress(finished, jobs.length);
          break;
        }
        case 'wake':
          wakes.delete(now);
          driver.wake(now);
          break;
      }
    } else {
      break;
    }
    processed++;
  }
  validator?.finish();
  options.onProgress?.(finished, jobs.length);

  const out = scheduler.allJobs().map((view) => ({ sim: simOf[view.id]!, view }));
  return { jobs: out, rejected, events: processed };
}
