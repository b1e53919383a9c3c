import '../cli/v8-tuning.js'; // as the cranelab CLI: first, before any hot code is compiled
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exitWhenFlushed } from '../cli/exit.js';
import { runReplay } from '../replay/replay.js';

/**
 * One benchmark run in its own process: a full `cranelab replay` (load, simulate with the
 * validating wrapper, write jobs.csv, summary.json, schedule.swf), then one JSON line with the
 * phase times (wall ms), the process CPU time and the peak resident memory. CPU time is less
 * disturbed than wall time by other processes on a shared machine; compare medians. (GC pauses
 * are summed by main.ts from `--trace-gc`; perf_hooks' gc entries miss most of them.)
 *
 * `replay-once <trace> <policy> [procs]` replays a trace; `replay-once --scenario <file>` replays
 * a scenario (`cranelab replay --scenario`) under its own profile.
 */
const [trace, policy, procs] = process.argv.slice(2);
if (trace === undefined || policy === undefined) throw new Error('usage: replay-once <trace> <policy> [procs] | replay-once --scenario <file>');
const out = mkdtempSync(join(tmpdir(), 'cranelab-bench-'));
const t0 = performance.now();
let loaded = t0;
let simulated = t0;
const hooks = {
  outDir: out,
  onLoaded: () => (loaded = performance.now()),
  onProgress: (done: number, total: number) => {
    if (done === total) simulated = performance.now();
  },
};
// A scenario's last progress report comes when the simulation ends (rejected jobs never finish).
const scenarioHooks = { ...hooks, onProgress: () => (simulated = performance.now()) };
let jobs: number;
let events: number;
if (trace === '--scenario') {
  // Loaded on demand, as `cranelab replay` does: a trace replay never loads the scenario stack.
  const { runScenarioReplay } = await import('../replay/scenario-replay.js');
  const run = await runScenarioReplay({ scenario: policy, ...scenarioHooks });
  if (!run.ok) throw new Error(run.errors.join('\n'));
  ({ jobs, events } = run.value.report.metrics);
} else {
  const run = await runReplay({ trace, policy, ...hooks, ...(procs === undefined ? {} : { processors: Number(procs) }) });
  if (!run.ok) throw new Error(run.error.message);
  ({ jobs, events } = run.value.report.metrics);
}
const t1 = performance.now();
rmSync(out, { recursive: true, force: true });
const usage = process.resourceUsage();
console.log(
  JSON.stringify({
    jobs,
    events,
    loadMs: loaded - t0,
    simulateMs: simulated - loaded,
    writeMs: t1 - simulated,
    cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000,
    maxRssMiB: usage.maxRSS / 1024,
  }),
);
// Ends as the cranelab CLI does (without tearing the heap down), so that the wall times are its.
exitWhenFlushed(0);
