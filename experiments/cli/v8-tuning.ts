import { setFlagsFromString } from 'node:v8';

/**
 * CraneLab's processes tune V8's optimizing compiler (TurboFan) before any hot code runs: a
 * smaller inlining budget, the bytecode bytes inlined into one optimized function in all (V8's
 * default is 920). A replay is short and has many hot functions; optimizing them is the work of a
 * background thread, and on the 2-core bench machine that thread was the bottleneck: a KTH-SP2
 * EASY replay spent about 1 s of CPU in TurboFan for a 0.5 s run, so hot functions ran
 * unoptimized while they waited for it (0.35 s of compile CPU with a budget of 100). Measured in
 * alternating processes: process CPU time 14-26% lower on KTH-SP2 EASY and 15% on the KTH-SP2
 * scenario, wall time 7-19% and 5% lower; a million-job replay, which runs long enough to gain
 * from deep inlining, was not slower; budgets of 300 and 460 were slower on EASY and no faster on
 * the scenario. Between 100 and 300 (README, "Benchmark"): 200 inlines the small helpers of the
 * scenario's planner that 100 left as calls (a call that passes a time, a double past 2^31 ms,
 * also allocates it), 1.7% fewer instructions for the KTH-SP2 scenario than 100 (150: 0.8%, 250:
 * 1.2%), the same for EASY, and 3% less scenario wall time in 20 alternating pairs.
 *
 * Imported first by CraneLab's own entry points (the `cranelab` CLI and the benchmark's replay
 * process; worker threads share their process's flags), never by library code: an embedding
 * process keeps its own settings.
 */
export const INLINING_BUDGET = 200;

setFlagsFromString(`--max-inlined-bytecode-size-cumulative=${INLINING_BUDGET}`);
