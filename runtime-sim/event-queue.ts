import type { Millis } from '../core/index.js';

/**
 * Same-instant order of the simulated world (the reference simulator's, reference-semantics.md §3,
 * with admin commands between submissions and ends): all submissions of an instant, then admin
 * commands, then all job ends, then all job launches and wake-ups. Within a class, events keep
 * the order in which they were created (one global sequence number).
 */
export const EventRank = { Submit: 1, Admin: 2, End: 3, Launch: 4 } as const;
export type EventRank = (typeof EventRank)[keyof typeof EventRank];

/** Rank and sequence number in one exact double: rank * 2^44 + seq (seq stays far below 2^44). */
const RANK_SCALE = 2 ** 44;

/**
 * The kernel's event heap, ordered by (time, rank, seq). Going back in time is an error. A binary
 * heap kept as parallel arrays (times and rank-sequence keys in typed arrays, payloads beside
 * them): an event costs no object of its own, and comparisons read numbers only.
 */
export class EventQueue<P> {
  private times = new Float64Array(1024);
  private keys = new Float64Array(1024);
  private payloads: Array<P | undefined> = new Array<P | undefined>(1024).fill(undefined);
  private count = 0;
  private seq = 0;

  get size(): number {
    return this.count;
  }

  push(time: Millis, rank: EventRank, payload: P, now: Millis): void {
    if (!(time >= now)) throw new Error(`EventQueue: event at ${time} scheduled in the past of ${now}`);
    if (this.count === this.times.length) this.grow();
    const key = rank * RANK_SCALE + this.seq++;
    const { times, keys, payloads } = this;
    let i = this.count++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pt = times[p]!;
      if (!(time < pt || (time === pt && key < keys[p]!))) break;
      times[i] = pt;
      keys[i] = keys[p]!;
      payloads[i] = payloads[p];
      i = p;
    }
    times[i] = time;
    keys[i] = key;
    payloads[i] = payload;
  }

  /** Time of the next event, or undefined when there is none. */
  peekTime(): Millis | undefined {
    return this.count === 0 ? undefined : this.times[0];
  }

  /** Rank of the next event, or undefined when there is none. */
  peekRank(): EventRank | undefined {
    return this.count === 0 ? undefined : (Math.floor(this.keys[0]! / RANK_SCALE) as EventRank);
  }

  /** Removes the next event and returns its payload (undefined when there is none). */
  pop(): P | undefined {
    if (this.count === 0) return undefined;
    const { times, keys, payloads } = this;
    const top = payloads[0];
    const n = --this.count;
    const time = times[n]!;
    const key = keys[n]!;
    const payload = payloads[n];
    payloads[n] = undefined;
    if (n > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        let m = l;
        const r = l + 1;
        if (r < n && (times[r]! < times[l]! || (times[r] === times[l] && keys[r]! < keys[l]!))) m = r;
        const mt = times[m]!;
        if (!(mt < time || (mt === time && keys[m]! < key))) break;
        times[i] = mt;
        keys[i] = keys[m]!;
        payloads[i] = payloads[m];
        i = m;
      }
      times[i] = time;
      keys[i] = key;
      payloads[i] = payload;
    }
    return top;
  }

  private grow(): void {
    const size = this.times.length * 2;
    const times = new Float64Array(size);
    const keys = new Float64Array(size);
    times.set(this.times);
    keys.set(this.keys);
    this.times = times;
    this.keys = keys;
    this.payloads.length = size;
    this.payloads.fill(undefined, this.count);
  }
}
