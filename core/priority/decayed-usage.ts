import { violated } from '../model/assert.js';

/** Slurm's default `PriorityDecayHalfLife`: 7 days, in ms. */
export const DEFAULT_DECAY_HALF_LIFE_MS = 7 * 24 * 60 * 60 * 1000;

/** What the tree fair share reads from an accumulator: subtree usage per account, and the total. */
export interface UsageSource {
  /** Decayed usage charged to `account` (its chains include the account itself and its ancestors). */
  usageOf(account: string): number;
  /** Decayed usage of the whole machine: everything ever charged. */
  readonly total: number;
}

/**
 * Historical usage with exponential decay (the research variant of fair share; CraneSched itself
 * keeps no history, CRANESCHED.md §7 item 8). Usage charged at time t is worth 2^(−(now − t)/h) of
 * itself at `now`, h being the half-life (Slurm's `PriorityDecayHalfLife` idea).
 *
 * Time is an argument: `advanceTo` moves the accumulator's clock forward and decays everything.
 * `charge` integrates the decay exactly over the charged interval, so the result does not depend on
 * how intervals are split or when `advanceTo` is called between charges (up to rounding), unlike
 * Slurm's decay in `PriorityCalcPeriod` steps.
 *
 * Units: a rate (e.g. CPUs, or any resource amount) times milliseconds. Only ratios matter to the
 * fair share, so any consistent unit works. Deterministic: no clock, no hash-order output.
 */
export class DecayedUsage implements UsageSource {
  private readonly usage = new Map<string, number>();
  private totalUsage = 0;
  private now: number;

  /**
   * @param halfLifeMs > 0; `Infinity` turns decay off (plain sums).
   * @param startMs the accumulator's initial time (ms).
   */
  constructor(
    readonly halfLifeMs: number,
    startMs: number,
  ) {
    if (!(halfLifeMs > 0)) violated(`decay half-life ${halfLifeMs} ms must be > 0`);
    if (!Number.isFinite(startMs)) violated(`decay start time ${startMs} is not finite`);
    this.now = startMs;
  }

  /** The accumulator's current time (ms). */
  get nowMs(): number {
    return this.now;
  }

  get total(): number {
    return this.totalUsage;
  }

  usageOf(account: string): number {
    return this.usage.get(account) ?? 0;
  }

  /** Moves time forward to `nowMs`, decaying all usage. Going back in time is a bug (throws). */
  advanceTo(nowMs: number): void {
    if (!(nowMs >= this.now)) violated(`decayed usage asked to go back from ${this.now} ms to ${nowMs} ms`);
    if (nowMs === this.now) return;
    const keep = this.decayOver(nowMs - this.now);
    this.now = nowMs;
    if (keep === 1) return;
    for (const [account, u] of this.usage) this.usage.set(account, u * keep);
    this.totalUsage *= keep;
  }

  /**
   * Charges `rate` over `[fromMs, toMs)` to every account of `chain` (the direct account then its
   * ancestors, e.g. `ShareTree.chainOf`) and to the total, decayed to the current time:
   * rate × ∫ 2^(−(now − t)/h) dt over the interval. Requires fromMs ≤ toMs ≤ now and rate ≥ 0.
   */
  charge(chain: readonly string[], rate: number, fromMs: number, toMs: number): void {
    if (!(rate >= 0 && Number.isFinite(rate))) violated(`usage rate ${rate} for '${chain[0] ?? ''}' must be finite and >= 0`);
    if (!(fromMs <= toMs && toMs <= this.now)) violated(`usage interval [${fromMs}, ${toMs}) for '${chain[0] ?? ''}' is not within the past of ${this.now} ms`);
    const amount = rate * this.decayedLength(fromMs, toMs);
    if (amount === 0) return;
    for (const account of chain) this.usage.set(account, (this.usage.get(account) ?? 0) + amount);
    this.totalUsage += amount;
  }

  /** Every account with its decayed usage, sorted by account name (a deterministic view). */
  snapshot(): ReadonlyArray<readonly [string, number]> {
    return [...this.usage].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  }

  /** The fraction of usage left after `dtMs`: 2^(−dt/h). Exactly 1/2 after one half-life. */
  private decayOver(dtMs: number): number {
    return this.halfLifeMs === Infinity ? 1 : 2 ** -(dtMs / this.halfLifeMs);
  }

  /**
   * ∫ from `fromMs` to `toMs` of 2^(−(now − t)/h) dt = 2^(−(now − to)/h) · (h/ln 2) · (1 − 2^(−(to − from)/h)),
   * with `expm1` so short intervals keep full precision.
   */
  private decayedLength(fromMs: number, toMs: number): number {
    const length = toMs - fromMs;
    if (this.halfLifeMs === Infinity || length === 0) return length;
    const h = this.halfLifeMs;
    return this.decayOver(this.now - toMs) * (h / Math.LN2) * -Math.expm1((-Math.LN2 * length) / h);
  }
}
