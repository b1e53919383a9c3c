import { MinHeap, type Millis } from '../core/index.js';

/**
 * Same-instant order of the simulated world (the reference simulator's, reference-semantics.md §3,
 * with admin commands between submissions and ends): all submissions of an instant, then admin
 * commands, then all job ends, then all job launches and wake-ups. Within a class, events keep
 * the order in which they were created (one global sequence number).
 */
export const EventRank = { Submit: 1, Admin: 2, End: 3, Launch: 4 } as const;
export type EventRank = (typeof EventRank)[keyof typeof EventRank];

export interface SimEvent<P> {
  readonly time: Millis;
  readonly rank: EventRank;
  readonly seq: number;
  readonly payload: P;
}

/** The kernel's event heap, ordered by (time, rank, seq). Going back in time is an error. */
export class EventQueue<P> {
  private readonly heap = new MinHeap<SimEvent<P>>(
    (a, b) => a.time < b.time || (a.time === b.time && (a.rank < b.rank || (a.rank === b.rank && a.seq < b.seq))),
  );
  private seq = 0;

  get size(): number {
    return this.heap.size;
  }

  push(time: Millis, rank: EventRank, payload: P, now: Millis): void {
    if (!(time >= now)) throw new Error(`EventQueue: event at ${time} scheduled in the past of ${now}`);
    this.heap.push({ time, rank, seq: this.seq++, payload });
  }

  peek(): SimEvent<P> | undefined {
    return this.heap.peek();
  }

  pop(): SimEvent<P> | undefined {
    return this.heap.pop();
  }
}
