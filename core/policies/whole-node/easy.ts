import { markWaiting, startHeads } from './fcfs.js';
import type { BackfillPolicy } from './types.js';

/**
 * EASY backfilling (Lifka 1995; the pyss semantics of reference-semantics.md §6): start heads as
 * FCFS, then, if at least two jobs wait, scan the rest once in queue order and start any job that
 * fits now and does not delay the head's reservation. The head's reservation (shadow time S and
 * extra units E) is recomputed from the estimate-based profile at every pass and never stored.
 *
 * Backfill c iff free(now) >= c.units and (now + c.limit <= S or c.units <= E). S is the earliest
 * time the head fits; E = free(S) - head.units. Accepting a job that outlives S spends E.
 */
export const easy = (): BackfillPolicy => ({
  name: 'easy',
  pass(ctx) {
    const { queue, profile, now } = ctx;
    const headIndex = startHeads(ctx);
    markWaiting(ctx, headIndex);
    const head = queue[headIndex];
    if (head === undefined || headIndex + 1 >= queue.length) return;
    const shadow = profile.firstAtLeast(head.units, now);
    let extra = shadow.free - head.units;
    let freeNow = profile.freeAt(now);
    for (let i = headIndex + 1; i < queue.length && freeNow > 0; i++) {
      const c = queue[i]!;
      if (c.units > freeNow) continue;
      const endsBeforeShadow = now + c.limit <= shadow.time;
      if (!endsBeforeShadow && c.units > extra) continue;
      ctx.plan(c, now);
      if (c.plannedStart !== now) continue; // held back by a run limit: it takes nothing
      freeNow -= c.units;
      if (!endsBeforeShadow) extra -= c.units;
    }
  },
});
