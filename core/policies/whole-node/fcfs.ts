import type { BackfillPolicy, PassContext } from './types.js';

/** Start queue heads while the head fits now; the head blocks everything behind it. */
export function startHeads(ctx: PassContext): number {
  const { queue, profile, now } = ctx;
  let i = 0;
  for (; i < queue.length; i++) {
    const job = queue[i]!;
    if (job.plannedStart <= now) continue;
    if (profile.freeAt(now) < job.units) break;
    ctx.plan(job, now);
  }
  return i;
}

/** Marks every job from `from` on as waiting: the first for resources, the rest behind it. */
export function markWaiting(ctx: PassContext, from: number): void {
  const { queue, now } = ctx;
  let first = true;
  for (let i = from; i < queue.length; i++) {
    const job = queue[i]!;
    if (job.plannedStart <= now) continue;
    job.pendingReason = first ? 'Resource' : 'Priority';
    first = false;
  }
}

/** First come, first served: no backfilling. */
export const fcfs = (): BackfillPolicy => ({
  name: 'fcfs',
  pass(ctx) {
    markWaiting(ctx, startHeads(ctx));
  },
});
