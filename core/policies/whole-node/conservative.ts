import type { BackfillPolicy } from './types.js';

/**
 * Conservative backfilling (Mu'alem & Feitelson 2001; pyss semantics, reference-semantics.md §7):
 * every job gets a reservation at its earliest fit when it is submitted. After every termination,
 * one compression pass in queue order moves each not-yet-started job to its earliest fit given
 * everyone else's current holds (incremental, one pass, no fixpoint). Plans only move earlier, so
 * no job is ever delayed by a later one.
 */
export const conservative = (): BackfillPolicy => ({
  name: 'conservative',
  pass(ctx) {
    const { profile, now } = ctx;
    // New jobs (just submitted, or just eligible) take their earliest hole; no compression.
    for (const job of ctx.queue) {
      if (job.plannedStart === Infinity) ctx.plan(job, profile.earliestFit(job.units, job.limit, now));
    }
    if (ctx.terminations > 0) {
      for (const job of ctx.queue) {
        if (job.plannedStart <= now) continue;
        const old = job.plannedStart;
        const at = profile.earliestFit(job.units, job.limit, now, { start: old, end: old + job.limit, units: job.units }, old);
        if (at < old) ctx.replan(job, at);
      }
    }
    for (const job of ctx.queue) {
      // (no plan: held back by a run limit, its reason already set)
      if (job.plannedStart > now && job.plannedStart !== Infinity) job.pendingReason = 'Resource Reserved';
    }
  },
});
