/**
 * A `QueueSource` backed by a steppable simulated replay. Notices are kept raw in a bounded ring while
 * the simulation runs (a fast slice can produce tens of thousands) and described only when drained.
 */
import { assertNever, makeProfile, plannerNames, uniformCluster, type JobSpec } from '../../core/index.js';
import { Simulation, type SimJob, type SimNotice } from '../../runtime-sim/index.js';
import { CoreViewMapper } from './core-view.js';
import type { AdvanceBudget, AdvanceResult, EventBatch, QueueSource, TimeBase } from './queue-source.js';
import { shortDuration, slurmDuration } from './time-format.js';
import type { LogEntry, QueueSnapshot } from './view-model.js';

export interface SimulationSourceOptions {
  readonly title: string;
  readonly timeBase: TimeBase;
  /** Most events kept between two drains (older ones are counted as dropped). Default 500. */
  readonly logCapacity?: number;
}

export class SimulationSource implements QueueSource {
  readonly isLive = false;
  readonly title: string;
  readonly timeBase: TimeBase;
  private readonly capacity: number;
  private readonly ring: SimNotice[] = [];
  private ringStart = 0;
  private dropped = 0;
  private seq = 0;
  private rejected = 0;
  private readonly mapper: CoreViewMapper;

  constructor(
    private readonly sim: Simulation,
    options: SimulationSourceOptions,
  ) {
    this.title = options.title;
    this.timeBase = options.timeBase;
    this.capacity = Math.max(1, options.logCapacity ?? 500);
    this.mapper = new CoreViewMapper(sim.scheduler.cluster);
    sim.listen((n) => this.record(n));
  }

  get now(): number {
    return this.sim.now;
  }

  get nextTime(): number | undefined {
    return this.sim.nextTime;
  }

  get done(): boolean {
    return this.sim.done;
  }

  snapshot(): QueueSnapshot {
    const sim = this.sim;
    return this.mapper.snapshot(sim.scheduler.view(), {
      finished: sim.finished,
      rejected: this.rejected,
      total: sim.total,
      events: sim.eventCount,
    });
  }

  /**
   * Stops only between instants: when the budget runs out inside one, the rest of that instant is
   * processed too, so that a snapshot never shows a job the core started whose launch the log has
   * not seen yet. (One instant holds at most a few events per job submitted or ending at it.)
   */
  advance(budget: AdvanceBudget): AdvanceResult {
    const before = this.sim.eventCount;
    this.sim.advance(budget.until, budget.maxEvents);
    if (this.sim.eventCount > before) this.sim.advance(this.sim.now, Infinity);
    const events = this.sim.eventCount - before;
    const next = this.sim.nextTime;
    return { events, limited: events >= budget.maxEvents && next !== undefined && next <= budget.until };
  }

  step(): AdvanceResult {
    const before = this.sim.eventCount;
    this.sim.step();
    return { events: this.sim.eventCount - before, limited: false };
  }

  drainEvents(): EventBatch {
    const notices = [...this.ring.slice(this.ringStart), ...this.ring.slice(0, this.ringStart)];
    const dropped = this.dropped;
    this.ring.length = 0;
    this.ringStart = 0;
    this.dropped = 0;
    const firstSeq = this.seq - notices.length;
    return { entries: notices.map((n, i) => this.describe(n, firstSeq + i)), dropped };
  }

  private record(n: SimNotice): void {
    if (n.type === 'rejected') this.rejected++;
    this.seq++;
    if (this.ring.length < this.capacity) {
      this.ring.push(n);
      return;
    }
    this.ring[this.ringStart] = n;
    this.ringStart = (this.ringStart + 1) % this.capacity;
    this.dropped++;
  }

  private describe(n: SimNotice, seq: number): LogEntry {
    switch (n.type) {
      case 'rejected': {
        const spec = n.rejection.job.spec;
        return entry(seq, n.time, 'rejected', `job ${spec.externalId}: ${n.rejection.code} ${n.rejection.message}`, spec);
      }
      case 'submitted': {
        const job = this.sim.scheduler.job(n.job);
        const { spec } = job;
        return entry(seq, n.time, 'submitted', `job ${spec.externalId} user ${spec.user || '-'}: ${spec.request.nodeCount} nodes, limit ${slurmDuration(job.timeLimit)}`, spec);
      }
      case 'started': {
        const job = this.sim.scheduler.job(n.job);
        const nodes = this.mapper.nodeList(n.nodes);
        return entry(seq, n.time, 'started', `job ${job.spec.externalId} on ${nodes} after waiting ${shortDuration(n.time - job.submitTime)}`, job.spec);
      }
      case 'ended': {
        const job = this.sim.scheduler.job(n.job);
        const ran = Number.isFinite(job.startTime) ? shortDuration(n.time - job.startTime) : '-';
        const exit = job.exitCode === 0 ? '' : ` (exit ${job.exitCode})`;
        return entry(seq, n.time, 'ended', `job ${job.spec.externalId} ${n.outcome}${exit} after ${ran}`, job.spec);
      }
      case 'admin':
        return adminEntry(seq, n);
      default:
        return assertNever(n, 'simulation notice');
    }
  }
}

const NODE_KIND = { down: 'node-down', up: 'node-up', resume: 'node-up', drain: 'node-drained' } as const;

/** Admin commands: node state changes are node events; job commands name the job by its workload id. */
function adminEntry(seq: number, n: Extract<SimNotice, { type: 'admin' }>): LogEntry {
  const c = n.command;
  const failed = n.ok ? '' : ` refused: ${n.message}`;
  const none = { user: '', account: '', partition: '' };
  if (c.type === 'SetNodeState') return { seq, time: n.time, kind: NODE_KIND[c.state], text: `node ${c.node} ${c.state}${failed}`, ...none };
  const what =
    'job' in c ? `job ${c.job}` : 'name' in c ? c.name : 'qos' in c ? `qos ${c.qos}` : 'user' in c ? `user ${c.user} in ${c.account}` : 'acl' in c ? `partition ${c.partition}` : `account ${c.account}`;
  return { seq, time: n.time, kind: 'admin', text: `${c.type} ${what}${failed}`, ...none };
}

function entry(seq: number, time: number, kind: LogEntry['kind'], text: string, who: JobSpec): LogEntry {
  return { seq, time, kind, text, user: who.user, account: who.account, partition: who.partition };
}

export interface ReplaySourceOptions {
  readonly title: string;
  readonly policy: string;
  readonly processors: number;
  readonly timeBase: TimeBase;
  readonly validate?: boolean;
  readonly logCapacity?: number;
}

export type SourceResult = { readonly ok: true; readonly value: SimulationSource } | { readonly ok: false; readonly message: string };

/** A replay of `jobs` on `processors` one-CPU nodes under a named scheduling profile. */
export function replaySource(jobs: readonly SimJob[], options: ReplaySourceOptions): SourceResult {
  // The TUI shows every pending job's expected start: the planner plans them all.
  const profile = makeProfile(options.policy, { planEveryJob: true });
  if (profile === undefined) return { ok: false, message: `unknown policy '${options.policy}'; known: ${plannerNames().join(', ')}` };
  const sim = new Simulation(jobs, {
    cluster: uniformCluster(options.processors),
    planner: profile.planner,
    ...(profile.order === undefined ? {} : { order: profile.order }),
    validate: options.validate !== false,
  });
  return {
    ok: true,
    value: new SimulationSource(sim, {
      title: options.title,
      timeBase: options.timeBase,
      ...(options.logCapacity === undefined ? {} : { logCapacity: options.logCapacity }),
    }),
  };
}
