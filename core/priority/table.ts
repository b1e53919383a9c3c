import { violated } from '../model/assert.js';
import { grown } from '../model/typed-arrays.js';
import { ageSeconds } from './multifactor.js';
import type { MultifactorConfig } from './types.js';

/**
 * `multifactorPriorities` followed by `orderByPriority`, over columns that are kept and reused
 * from call to call: for a queue order that runs every scheduling cycle. No object per job and no
 * Map per call; the same doubles bit for bit and the same order (property-tested against the two
 * functions, which stay the reference and document the semantics).
 *
 * A job is a key: a small whole number of the caller's (a job id), which is also the `index` that
 * breaks the order's last ties. What does not change while a job is queued or running (its QoS
 * and partition priorities, size, account, mandated priority) is written once per key
 * (`reserve`, then the per-key columns); a cycle only lists its rows. The caller rewrites a key's
 * values when they change (a QoS priority after a `cacctmgr` change).
 *
 * Use: `begin(pending, running)`, then per row its `key` and time: rows 0 .. pending-1 are the
 * pending jobs (`submitTime`), rows pending .. pending+running-1 the running jobs (`startTime`);
 * then `compute`. A job's account is a small integer of the caller's numbering, below the
 * `accounts` it passes. `compute` fills `order`, the pending rows best first, and for the key of
 * each pending row `priority`, `factored` (0: a mandated priority, no factors) and the five factor
 * columns. Those outputs are kept per key, not per row, so each job's last priority and factors
 * stay readable in the table (a job's view reads them there: the queue order copies nothing into
 * the jobs) until it is pending in a later cycle.
 */
export class MultifactorTable {
  /** Pending rows (the first ones) and all rows. */
  pending = 0;
  count = 0;
  // Inputs per key (see PriorityJob), for keys below `reserve`'s bound.
  qosPriority = new Float64Array(0);
  partitionPriority = new Float64Array(0);
  cpuMilli = new Float64Array(0);
  nodes = new Float64Array(0);
  memMiB = new Float64Array(0);
  account = new Int32Array(0);
  /** 0: none (as undefined). Read for pending rows only. */
  mandated = new Float64Array(0);
  // Inputs per row.
  key = new Int32Array(0);
  /** Pending rows only. */
  submitTime = new Float64Array(0);
  /** Running rows only. */
  startTime = new Float64Array(0);
  // Outputs per key, written for the keys of pending rows.
  priority = new Float64Array(0);
  factored = new Uint8Array(0);
  age = new Float64Array(0);
  fairShare = new Float64Array(0);
  jobSize = new Float64Array(0);
  partition = new Float64Array(0);
  qos = new Float64Array(0);
  /** The pending rows in priority order (the first `pending`). */
  order = new Int32Array(0);
  /**
   * The keys of the last order, best first (the first `lastCount`): the next sort starts from them.
   * Between cycles few jobs change places, so an insertion sort from the last order does about one
   * comparison per row, where sorting rows in queue order did several (a sort of 40 rows, with a
   * comparator call each, about 200). The order is total, so the start changes no result.
   */
  private lastOrder = new Int32Array(0);
  private lastCount = 0;
  /** Per key: its row this cycle, valid where `rowMark` is `rowStamp` (-rowStamp once seeded). */
  private rowOf = new Int32Array(0);
  private rowMark = new Int32Array(0);
  private rowStamp = 0;
  /** Per pending row: its priority (what the sort compares). */
  private rowPriority = new Float64Array(0);
  /** Per pending row: its age in whole seconds. */
  private ageSec = new Float64Array(0);
  // Per account: service (running-service fair share) and whether it is in the range (`seen`).
  private service = new Float64Array(0);
  private seen = new Int32Array(0);
  private stamp = 0;
  private listed = new Int32Array(0);
  private readonly before = (a: number, b: number): number => (this.comesBefore(a, b) ? -1 : 1);

  /** Make room for keys below `keys` (new keys' values are 0 until written). */
  reserve(keys: number): void {
    if (this.qosPriority.length >= keys) return;
    const size = Math.max(keys, 2 * this.qosPriority.length, 64);
    this.qosPriority = grown(this.qosPriority, new Float64Array(size));
    this.partitionPriority = grown(this.partitionPriority, new Float64Array(size));
    this.cpuMilli = grown(this.cpuMilli, new Float64Array(size));
    this.nodes = grown(this.nodes, new Float64Array(size));
    this.memMiB = grown(this.memMiB, new Float64Array(size));
    this.mandated = grown(this.mandated, new Float64Array(size));
    this.account = grown(this.account, new Int32Array(size));
    this.priority = grown(this.priority, new Float64Array(size));
    this.factored = grown(this.factored, new Uint8Array(size));
    this.age = grown(this.age, new Float64Array(size));
    this.fairShare = grown(this.fairShare, new Float64Array(size));
    this.jobSize = grown(this.jobSize, new Float64Array(size));
    this.partition = grown(this.partition, new Float64Array(size));
    this.qos = grown(this.qos, new Float64Array(size));
    this.rowOf = grown(this.rowOf, new Int32Array(size));
    this.rowMark = grown(this.rowMark, new Int32Array(size));
  }

  /** Make room for `pending` + `running` rows (the rows' contents are then undefined). */
  begin(pending: number, running: number): void {
    const n = pending + running;
    this.pending = pending;
    this.count = n;
    if (this.key.length < n) this.growRows(n);
  }

  /**
   * Fill the outputs at `nowMs`. `fairShareOf`: per account, the fair-share factor to use as is
   * (`account-factor`; the caller checks that each is in [0, 1]), or null for CraneSched's running
   * service; `accounts` bounds the account numbers. `config.fairShare` is not read.
   */
  compute(config: MultifactorConfig, nowMs: number, accounts: number, fairShareOf: Float64Array | null): void {
    if (!(config.maxAgeMs >= 0)) violated(`PriorityMaxAge ${config.maxAgeMs} ms is negative`);
    const p = this.pending;
    const n = this.count;
    if (p === 0) return;
    const maxAgeSec = Math.trunc(config.maxAgeMs / 1000);
    const { key, submitTime, startTime, qosPriority, partitionPriority, cpuMilli, nodes, memMiB } = this;

    const ages = this.ageSec;
    let ageMin = Infinity;
    let ageMax = -Infinity;
    for (let r = 0; r < p; r++) {
      const age = (ages[r] = ageSeconds(nowMs, submitTime[r]!, maxAgeSec));
      if (age < ageMin) ageMin = age;
      if (age > ageMax) ageMax = age;
    }
    let qosMin = Infinity;
    let qosMax = -Infinity;
    let partMin = Infinity;
    let partMax = -Infinity;
    let cpuMin = Infinity;
    let cpuMax = -Infinity;
    let nodeMin = Infinity;
    let nodeMax = -Infinity;
    let memMin = Infinity;
    let memMax = -Infinity;
    for (let r = 0; r < n; r++) {
      if (r >= p && !Number.isFinite(startTime[r]!)) this.fail(r, 'start');
      const k = key[r]!;
      const q = qosPriority[k]!;
      if (q < qosMin) qosMin = q;
      if (q > qosMax) qosMax = q;
      const pp = partitionPriority[k]!;
      if (pp < partMin) partMin = pp;
      if (pp > partMax) partMax = pp;
      const c = cpuMilli[k]!;
      if (c < cpuMin) cpuMin = c;
      if (c > cpuMax) cpuMax = c;
      const nd = nodes[k]!;
      if (nd < nodeMin) nodeMin = nd;
      if (nd > nodeMax) nodeMax = nd;
      const m = memMiB[k]!;
      if (m < memMin) memMin = m;
      if (m > memMax) memMax = m;
    }
    const ageSpan = ageMax - ageMin;
    const qosSpan = qosMax - qosMin;
    const partSpan = partMax - partMin;
    const cpuSpan = cpuMax - cpuMin;
    const nodeSpan = nodeMax - nodeMin;
    const memSpan = memMax - memMin;

    let shareOf: Float64Array;
    if (fairShareOf === null) {
      this.runningService(nowMs, accounts, cpuMin, cpuSpan, nodeMin, nodeSpan, memMin, memSpan);
      shareOf = this.service;
    } else {
      shareOf = fairShareOf;
    }

    const w = config.weights;
    const favorSmall = config.favorSmall;
    const { mandated, account, priority, factored, rowPriority } = this;
    for (let r = 0; r < p; r++) {
      const k = key[r]!;
      const m = mandated[k]!;
      if (m !== 0) {
        rowPriority[r] = priority[k] = m;
        factored[k] = 0;
        continue;
      }
      const age = ageSpan > 0 ? (ages[r]! - ageMin) / ageSpan : 0;
      const qos = qosSpan > 0 ? (qosPriority[k]! - qosMin) / qosSpan : 0;
      const partition = partSpan > 0 ? (partitionPriority[k]! - partMin) / partSpan : 0;
      let size = 0;
      if (cpuSpan > 0) size += (cpuMilli[k]! - cpuMin) / cpuSpan;
      if (nodeSpan > 0) size += (nodes[k]! - nodeMin) / nodeSpan;
      if (memSpan > 0) size += (memMiB[k]! - memMin) / memSpan;
      const jobSize = favorSmall ? 1 - size / 3 : size / 3;
      const fairShare = shareOf[account[k]!]!;
      rowPriority[r] = priority[k] = w.age * age + w.partition * partition + w.jobSize * jobSize + w.fairShare * fairShare + w.qos * qos;
      factored[k] = 1;
      this.age[k] = age;
      this.fairShare[k] = fairShare;
      this.jobSize[k] = jobSize;
      this.partition[k] = partition;
      this.qos[k] = qos;
    }
    this.seedOrder();
    this.sort();
    const { lastOrder, order } = this;
    for (let i = 0; i < p; i++) lastOrder[i] = key[order[i]!]!;
    this.lastCount = p;
  }

  /** `order` := the pending rows, those of the last order first and in it, then the others in row order. */
  private seedOrder(): void {
    const p = this.pending;
    const { key, order, rowOf, rowMark, lastOrder } = this;
    const mark = ++this.rowStamp;
    for (let r = 0; r < p; r++) {
      const k = key[r]!;
      rowOf[k] = r;
      rowMark[k] = mark;
    }
    let out = 0;
    for (let i = 0; i < this.lastCount; i++) {
      const k = lastOrder[i]!;
      if (rowMark[k] !== mark) continue; // no longer pending
      rowMark[k] = -mark;
      order[out++] = rowOf[k]!;
    }
    for (let r = 0; r < p; r++) if (rowMark[key[r]!] === mark) order[out++] = r;
  }

  /**
   * `service` := each account's fair share from running work (see `multifactorPriorities`), for
   * the accounts with a pending or running job (the others are not read).
   */
  private runningService(nowMs: number, accounts: number, cpuMin: number, cpuSpan: number, nodeMin: number, nodeSpan: number, memMin: number, memSpan: number): void {
    if (this.service.length < accounts) {
      this.service = new Float64Array(accounts);
      this.seen = new Int32Array(accounts);
      this.listed = new Int32Array(accounts);
    }
    const { service, seen, listed, key, account, startTime, cpuMilli, nodes, memMiB } = this;
    const stamp = ++this.stamp;
    let count = 0;
    const p = this.pending;
    const n = this.count;
    for (let r = 0; r < n; r++) {
      const k = key[r]!;
      const a = account[k]!;
      if (seen[a] !== stamp) {
        seen[a] = stamp;
        service[a] = 0;
        listed[count++] = a;
      }
      if (r < p) continue;
      let s = 0;
      s += cpuSpan > 0 ? (cpuMilli[k]! - cpuMin) / cpuSpan : 1;
      s += nodeSpan > 0 ? (nodes[k]! - nodeMin) / nodeSpan : 1;
      s += memSpan > 0 ? (memMiB[k]! - memMin) / memSpan : 1;
      const start = startTime[r]!;
      const runSec = nowMs > start ? Math.trunc((nowMs - start) / 1000) : 0;
      service[a] = service[a]! + s * runSec;
    }
    let lo = Infinity;
    let hi = -Infinity;
    for (let k = 0; k < count; k++) {
      const v = service[listed[k]!]!;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    const span = hi - lo;
    for (let k = 0; k < count; k++) {
      const a = listed[k]!;
      service[a] = span > 0 ? 1 - (service[a]! - lo) / span : 0;
    }
  }

  /**
   * `order` (seeded) := the pending rows by priority descending, then submission, then index (a
   * total order). An insertion sort, which costs a comparison per row plus one per row moved;
   * when the rows are far from sorted (a queue's first order, or a reshuffle) and there are many,
   * it stops after a few moves per row and the built-in sort finishes.
   */
  private sort(): void {
    const p = this.pending;
    const { rowPriority, order } = this;
    for (let r = 0; r < p; r++) if (Number.isNaN(rowPriority[r]!)) this.fail(r, 'priority');
    let budget = p > INSERTION_MAX ? MOVES_PER_ROW * p : Infinity;
    for (let i = 1; i < p; i++) {
      const r = order[i]!;
      let j = i - 1;
      for (; j >= 0 && this.comesBefore(r, order[j]!); j--) order[j + 1] = order[j]!;
      order[j + 1] = r;
      budget -= i - 1 - j;
      if (budget < 0) {
        order.subarray(0, p).sort(this.before);
        return;
      }
    }
  }

  /** Whether row a comes before row b: higher priority, then earlier submission, then lower key. */
  private comesBefore(a: number, b: number): boolean {
    const pa = this.rowPriority[a]!;
    const pb = this.rowPriority[b]!;
    if (pa !== pb) return pa > pb;
    const sa = this.submitTime[a]!;
    const sb = this.submitTime[b]!;
    if (sa !== sb) return sa < sb;
    return this.key[a]! < this.key[b]!;
  }

  /**
   * A bug in the caller: a running row without a finite start, or a NaN priority. (Not an
   * `invariant` with an arrow in the loops: an arrow that captures a loop variable makes V8
   * allocate a context per iteration, taken or not.)
   */
  private fail(r: number, what: 'start' | 'priority'): never {
    throw new Error(
      what === 'start' ? `invariant violated: running job index ${this.key[r]} has start time ${this.startTime[r]}` : `invariant violated: job index ${this.key[r]} has priority NaN`,
    );
  }

  private growRows(n: number): void {
    const size = Math.max(n, 2 * this.key.length, INITIAL_ROWS);
    this.key = new Int32Array(size);
    this.submitTime = new Float64Array(size);
    this.startTime = new Float64Array(size);
    this.rowPriority = new Float64Array(size);
    this.order = new Int32Array(size);
    this.ageSec = new Float64Array(size);
    this.lastOrder = grown(this.lastOrder, new Int32Array(size)); // (the last order is kept)
  }
}

/**
 * Rows made room for at the first cycle (7 columns of 8 bytes). Growth happens once the queue and
 * the running jobs outnumber them, typically mid-replay after the order was optimized without the
 * growth branch, and deoptimizes it: with 64, the KTH-SP2 scenario grew.
 */
const INITIAL_ROWS = 256;

/** Up to this many rows, the insertion sort runs to the end; over it, for `MOVES_PER_ROW` moves per row. */
const INSERTION_MAX = 24;
const MOVES_PER_ROW = 8;
