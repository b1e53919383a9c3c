import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { backfillPolicies, uniformCluster } from '../../../core/index.js';
import { simulate } from '../../../runtime-sim/index.js';
import { loadSwfWorkload } from '../../../traces/index.js';
import { summarize } from '../../../experiments/metrics/summary.js';
import { CONTAINER_METRIC_KEYS } from '../../../experiments/metrics/pod-metrics.js';
import { RUN_METRIC_KEYS } from '../../../experiments/metrics/run-metrics.js';
import { loadExperiment, runExperiment, type Experiment, type ExperimentOutcome } from '../../../experiments/experiment/index.js';
import { kthSlice, tempDir, writeExperiment } from './fixtures.js';

const OUTPUTS = ['summary.csv', 'summary-ci.csv', 'summary.json', 'report.html'];

function experimentWith(dir: string, seeds: string): Experiment {
  kthSlice(dir, 400);
  const file = writeExperiment(
    dir,
    `name: small
traces:
  - name: kth400
    file: kth-slice.swf
profiles: [fcfs, easy]
variants:
  - name: base
  - name: half
    machineScale: 0.5
seeds: ${seeds}
metrics:
  timeBuckets: 50
`,
  );
  const loaded = loadExperiment(file);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
  return loaded.value;
}

const read = (dir: string): string[] => OUTPUTS.map((f) => readFileSync(join(dir, f), 'utf8'));

function ok(o: ExperimentOutcome): Extract<ExperimentOutcome, { ok: true }> {
  if (!o.ok) throw new Error(`experiment did not complete: ${JSON.stringify(o)}`);
  return o;
}

describe('runExperiment on worker threads', () => {
  const dir = tempDir('run-experiment');
  const out = join(dir, 'out');
  let experiment: Experiment;
  let first: Extract<ExperimentOutcome, { ok: true }>;

  beforeAll(async () => {
    experiment = experimentWith(dir, '2');
    first = ok(await runExperiment(experiment, { outDir: out, workers: 2 }));
  });

  it('computes every (trace, variant, profile, seed) once and writes the outputs', () => {
    expect(first).toMatchObject({ runs: 8, computed: 8, cached: 0, workers: 2 });
    for (const f of OUTPUTS) expect(existsSync(join(out, f))).toBe(true);
    const csv = readFileSync(join(out, 'summary.csv'), 'utf8').trim().split('\n');
    expect(csv).toHaveLength(1 + 8 + 4); // header, one row per run, one aggregated row per (variant, profile)
    expect(csv.filter((l) => l.split(',')[3] === 'all').map((l) => l.split(',').slice(0, 6).join(','))).toEqual([
      'kth400,base,fcfs,all,2,100',
      'kth400,base,easy,all,2,100',
      'kth400,half,fcfs,all,2,50',
      'kth400,half,easy,all,2,50',
    ]);
    const ci = readFileSync(join(out, 'summary-ci.csv'), 'utf8').trim().split('\n');
    expect(ci[0]).toBe('trace,variant,profile,metric,runs,mean,sd,ci95_half_width,ci95_low,ci95_high');
    // an SWF trace has no container metrics: their summary.csv columns are empty, summary-ci.csv has no rows for them
    expect(csv[0]!.split(',').slice(-CONTAINER_METRIC_KEYS.length)).toEqual([...CONTAINER_METRIC_KEYS]);
    for (const line of csv.slice(1)) expect(line.split(',').slice(-CONTAINER_METRIC_KEYS.length).every((f) => f === '')).toBe(true);
    expect(ci).toHaveLength(1 + 4 * RUN_METRIC_KEYS.length);
  });

  it('agrees with a plain replay for the unshaken seed', async () => {
    const loaded = await loadSwfWorkload(experiment.traces[0]!.file);
    if (!loaded.ok) throw new Error('trace');
    const plain = summarize(simulate(loaded.value.jobs, { cluster: uniformCluster(100), backfill: backfillPolicies['easy']!() }), 100);
    const easy = first.results.groups[0]!.profiles.find((p) => p.profile.name === 'easy')!;
    const s = easy.runs[0]!.record.metrics.scalars;
    expect(easy.runs[0]!.run.seed).toBe(0);
    expect([s.mean_wait, s.utilization, s.makespan, s.mean_bounded_slowdown]).toEqual([plain.mean_wait, plain.utilization, plain.makespan, plain.mean_bounded_slowdown]);
  });

  it('writes jobs.csv only for the reference seed', () => {
    const runs = readdirSync(join(out, 'runs'));
    expect(runs).toHaveLength(8);
    expect(runs.filter((k) => existsSync(join(out, 'runs', k, 'jobs.csv')))).toHaveLength(4);
  });

  it('recomputes nothing on a re-run and writes byte-identical outputs', async () => {
    const before = read(out);
    const again = ok(await runExperiment(experiment, { outDir: out, workers: 2 }));
    expect(again).toMatchObject({ computed: 0, cached: 8 });
    expect(read(out)).toEqual(before);
  });

  it('writes the same bytes whether runs are computed on threads or in the calling thread', async () => {
    const inThread = join(dir, 'in-thread');
    ok(await runExperiment(experiment, { outDir: inThread, workers: 0 }));
    expect(read(inThread)).toEqual(read(out));
  });

  it('computes only the new runs when a seed is added', async () => {
    const more = experimentWith(dir, '[0, 1, 5]');
    const o = ok(await runExperiment(more, { outDir: out, workers: 2 }));
    expect(o).toMatchObject({ runs: 12, computed: 4, cached: 8 });
  });
});

describe('an interrupted experiment', () => {
  it('keeps finished runs and resumes to the same outputs', async () => {
    const dir = tempDir('resume');
    const experiment = experimentWith(dir, '3');
    const clean = join(dir, 'clean');
    ok(await runExperiment(experiment, { outDir: clean, workers: 1 }));

    const out = join(dir, 'out');
    const stop = new AbortController();
    const cut = await runExperiment(experiment, {
      outDir: out,
      workers: 1,
      signal: stop.signal,
      onProgress: (p) => {
        if (p.computed >= 2) stop.abort();
      },
    });
    expect(cut).toMatchObject({ ok: false, reason: 'aborted', saved: 2, remaining: 10 });
    expect(existsSync(join(out, 'report.html'))).toBe(false);

    const resumed = ok(await runExperiment(experiment, { outDir: out, workers: 2 }));
    expect(resumed).toMatchObject({ computed: 10, cached: 2 });
    expect(read(out)).toEqual(read(clean));
    expect(readdirSync(join(out, 'runs')).filter((n) => n.startsWith('.tmp-'))).toEqual([]);
  });
});

describe('a run that cannot load its trace', () => {
  it('fails the experiment with the file and line', async () => {
    const dir = tempDir('bad-trace');
    const experiment = experimentWith(dir, '1');
    writeFileSync(experiment.traces[0]!.file, '; MaxProcs: 10\n1 0 0 10 1 -1 -1 1 10 -1 1 1 1 -1 1 -1 -1 -1\nnot a job line\n');
    const o = await runExperiment(experiment, { outDir: join(dir, 'out'), workers: 1 });
    expect(o.ok).toBe(false);
    if (o.ok || o.reason !== 'failed') throw new Error('expected a failure');
    expect(o.messages).toHaveLength(1);
    expect(o.messages[0]).toMatch(/kth-slice\.swf:3: /);
  });
});
