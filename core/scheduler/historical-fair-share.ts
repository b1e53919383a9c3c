import { violated } from '../model/assert.js';
import type { Millis } from '../model/time.js';
import { decayedFairShare, DecayedUsage, ShareTree, type AccountShare, type UsageSource } from '../priority/index.js';
import type { JobRecord } from './job-record.js';

/**
 * Where a multifactor queue order takes its fair-share factor from (a profile choice):
 * - `running`: CraneSched's own, from the service of currently running jobs (§4.6);
 * - `decayed`: the research variant, from historical usage decayed with a half-life, over the
 *   account tree (`decayedFairShare`). `accounts` is the tree (parents and shares).
 */
export type FairShareChoice = { readonly type: 'running' } | { readonly type: 'decayed'; readonly halfLifeMs: Millis; readonly accounts: readonly AccountShare[] };

/**
 * The usage history behind the `decayed` fair share, fed by the scheduler: every running job
 * charges its account chain CPUs × time, decayed with the half-life. Ended jobs are charged once,
 * at their end (`ended`), over [start, end); running jobs are counted up to `now` at each cycle
 * without being charged, so nothing is counted twice. A requeued or preempted job is charged for
 * the time it ran. The rate is the job's request (CPUs per node × nodes), as the multifactor job
 * size counts it. Jobs of an account outside the tree are charged to no one (their factor is 0).
 * Deterministic: time is an argument.
 */
export class HistoricalFairShare {
  private readonly tree: ShareTree;
  private usage: DecayedUsage | undefined;

  constructor(
    accounts: readonly AccountShare[],
    readonly halfLifeMs: Millis,
  ) {
    if (!(halfLifeMs > 0)) violated(`fair-share half-life ${halfLifeMs} ms must be > 0`);
    const built = ShareTree.build(accounts);
    if (!built.ok) violated(`fair-share tree: ${built.issues.map((i) => `${i.account}: ${i.message}`).join('; ')}`);
    this.tree = built.value;
  }

  /** A running job ended (or was requeued) at `now`: its run is history from now on. */
  ended(job: JobRecord, now: Millis): void {
    const chain = this.chainOf(job);
    if (chain === null) return;
    const usage = this.at(now);
    usage.charge(chain, rate(job), Math.min(job.startTime, now), now);
  }

  /** Per account, the fair-share factor in [0, 1] at `now`: history plus the running jobs so far. */
  factors(now: Millis, running: readonly JobRecord[]): ReadonlyMap<string, number> {
    const past = this.at(now);
    const live = new DecayedUsage(this.halfLifeMs, past.nowMs);
    for (const job of running) {
      const chain = this.chainOf(job);
      if (chain !== null) live.charge(chain, rate(job), Math.min(job.startTime, past.nowMs), past.nowMs);
    }
    const source: UsageSource = { usageOf: (a) => past.usageOf(a) + live.usageOf(a), total: past.total + live.total };
    return decayedFairShare(this.tree, source).factors;
  }

  /** Decayed usage per account (history only), sorted by account: for tests and displays. */
  history(): ReadonlyArray<readonly [string, number]> {
    return this.usage?.snapshot() ?? [];
  }

  private at(now: Millis): DecayedUsage {
    if (this.usage === undefined) this.usage = new DecayedUsage(this.halfLifeMs, now);
    else if (now > this.usage.nowMs) this.usage.advanceTo(now);
    return this.usage;
  }

  private chainOf(job: JobRecord): readonly string[] | null {
    const account = job.spec.account;
    return this.tree.has(account) ? this.tree.chainOf(account) : null;
  }
}

/** CPUs the job holds while it runs (its request: per-node milli-CPUs × nodes). */
const rate = (job: JobRecord): number => (job.need.vec[0]! * job.units) / 1000;
