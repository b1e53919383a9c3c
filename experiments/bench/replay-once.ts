import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runReplay } from '../replay/replay.js';

/**
 * One benchmark run in its own process: a full `cranelab replay` (load, simulate with the
 * validating wrapper, write jobs.csv, summary.json, schedule.swf), then one JSON line with the
 * phase times (wall ms), the process CPU time and the peak resident memory. CPU time is less
 * disturbed than wall time by other processes on a shared machine; compare medians. (GC pauses
 * are summed by main.ts from `--trace-gc`; perf_hooks' gc entries miss most of them.)
 */
const [trace, policy, procs] = process.argv.slice(2);
if (trace === undefined || policy === undefined) throw new Error('usage: replay-once <trace> <policy> [procs]');
const out = mkdtempSync(join(tmpdir(), 'cranelab-bench-'));
const t0 = performance.now();
let loaded = t0;
let simulated = t0;
const run = await runReplay({
  trace,
  policy,
  outDir: out,
  ...(procs === undefined ? {} : { processors: Number(procs) }),
  onLoaded: () => (loaded = performance.now()),
  onProgress: (done, total) => {
    if (done === total) simulated = performance.now();
  },
});
const t1 = performance.now();
rmSync(out, { recursive: true, force: true });
if (!run.ok) throw new Error(run.error.message);
const usage = process.resourceUsage();
console.log(
  JSON.stringify({
    jobs: run.value.report.metrics.jobs,
    events: run.value.report.metrics.events,
    loadMs: loaded - t0,
    simulateMs: simulated - loaded,
    writeMs: t1 - simulated,
    cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000,
    maxRssMiB: usage.maxRSS / 1024,
  }),
);
