import { cpSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadExperiment, planRuns, runExperiment } from '../../../experiments/experiment/index.js';
import { formatContainerWorkload } from '../../../traces/container/index.js';
import { generatePipelineWorkload } from '../../../traces/generators/index.js';
import { CONTAINER_METRIC_KEYS } from '../../../experiments/metrics/pod-metrics.js';
import { sig } from '../../../experiments/report/html.js';
import { RUN_METRIC_KEYS } from '../../../experiments/metrics/run-metrics.js';
import { repoRoot, tempDir, writeExperiment } from './fixtures.js';
import { writeFileSync } from 'node:fs';

function inputs(): string {
  const dir = tempDir('container-input');
  cpSync(join(repoRoot, 'experiments', 'examples', 'pods', 'cluster.yaml'), join(dir, 'cluster.yaml'));
  const w = generatePipelineWorkload({ seed: 'exp', jobs: 12, meanInterarrival: 20 });
  if (!w.ok) throw new Error(w.issues.join('; '));
  writeFileSync(join(dir, 'w.jsonl'), formatContainerWorkload(w.value));
  return dir;
}

const yaml = (extra = '', profile = 'cranesched'): string => `name: ctr
traces:
  - containers: w.jsonl
    cluster: cluster.yaml${extra}
profiles: [${profile}]
variants:
  - {name: per-container, containers: per-container}
  - {name: pods, containers: pods}
seeds: 2
metrics:
  timeBuckets: 20
`;

describe('container workloads as experiment inputs', () => {
  it('reads a container entry and refuses trace settings on it', () => {
    const dir = inputs();
    const good = loadExperiment(writeExperiment(dir, yaml()));
    if (!good.ok) throw new Error(JSON.stringify(good.issues));
    expect(good.value.traces[0]).toMatchObject({ kind: 'container', name: 'w' });
    expect(good.value.variants.map((v) => v.containers)).toEqual(['per-container', 'pods']);
    const bad = loadExperiment(writeExperiment(dir, yaml('\n    processors: 64'), 'bad.yaml'));
    expect(bad.ok).toBe(false);
  });

  it('runs both submission modes, records container metrics and draws the container overhead comparison', async () => {
    const dir = inputs();
    const loaded = loadExperiment(writeExperiment(dir, yaml()));
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
    const r = await runExperiment(loaded.value, { outDir: join(dir, 'out'), workers: 0 });
    if (!r.ok) throw new Error('experiment failed');
    const records = readdirSync(join(dir, 'out', 'runs')).map((d) => JSON.parse(readFileSync(join(dir, 'out', 'runs', d, 'result.json'), 'utf8')));
    expect(records).toHaveLength(4);
    const sandboxes = records.map((x) => x.containers.sandboxes).sort((a, b) => a - b);
    expect(sandboxes[0]).toBeLessThan(sandboxes[3]); // Pod reuse starts fewer sandboxes
    // summary.csv: the container metrics after the run metrics, per run and aggregated; summary-ci.csv: their CIs
    const csv = readFileSync(join(dir, 'out', 'summary.csv'), 'utf8').trim().split('\n').map((l) => l.split(','));
    const header = csv[0]!;
    expect(header.slice(-CONTAINER_METRIC_KEYS.length)).toEqual([...CONTAINER_METRIC_KEYS]);
    expect(header.indexOf('jain_account_share')).toBe(header.length - CONTAINER_METRIC_KEYS.length - 1);
    expect(csv).toHaveLength(1 + 4 + 2);
    const col = (name: string): number => header.indexOf(name);
    const seeds = (variant: string): string[][] => csv.filter((r) => r[1] === variant && r[3] !== 'all');
    for (const variant of ['pods', 'per-container']) {
      const rows = seeds(variant);
      const all = csv.find((r) => r[1] === variant && r[3] === 'all')!;
      for (const key of ['pull_time', 'container_start_time', 'mean_step_wait_in_job', 'sandboxes']) {
        const values = rows.map((r) => Number(r[col(key)]));
        expect(rows.every((r) => r[col(key)] !== '')).toBe(true);
        expect(Number(all[col(key)])).toBeCloseTo((values[0]! + values[1]!) / 2, 5);
      }
    }
    expect(records.map((x) => x.containers.pull_time).sort()).toEqual(csv.slice(1).filter((r) => r[3] !== 'all').map((r) => Number(r[col('pull_time')])).sort());
    const ci = readFileSync(join(dir, 'out', 'summary-ci.csv'), 'utf8').trim().split('\n').map((l) => l.split(','));
    for (const variant of ['pods', 'per-container']) {
      expect(ci.filter((r) => r[1] === variant).map((r) => r[3])).toEqual([...RUN_METRIC_KEYS, ...CONTAINER_METRIC_KEYS]);
      const pull = ci.find((r) => r[1] === variant && r[3] === 'pull_time')!;
      expect(pull[4]).toBe('2');
      expect(pull[7]).not.toBe(''); // two seeds: a CI
    }
    const report = readFileSync(join(dir, 'out', 'report.html'), 'utf8');
    expect(report).toContain('Container overhead comparison');
    expect(report).toContain('per-container / cranesched');
    // Each variant's section has the container table: every container metric, sandboxes as the seeds' mean.
    const sections = report.split('<h3>Containers</h3>').slice(1).map((s) => s.slice(0, s.indexOf('</table>')));
    expect(sections).toHaveLength(2);
    for (const [i, variant] of ['per-container', 'pods'].entries()) {
      for (const key of CONTAINER_METRIC_KEYS) expect(sections[i]).toContain(`>${key}<`);
      const mean = Number(csv.find((r) => r[1] === variant && r[3] === 'all')![col('sandboxes')]);
      const shown = Number.isInteger(mean) ? String(mean) : sig(mean);
      expect(sections[i]!.slice(sections[i]!.indexOf('>sandboxes<')).split('</tr>')[0]).toContain(`>${shown} <span class="ci">`);
    }
  });

  it('takes cost overrides (seeded sandbox failures, SIGTERM ignored) into the runs and their cache keys', async () => {
    const dir = inputs();
    const costs = '\n    containerCosts: {podFailureRate: 0.2, ignoreSigterm: true, pull: {timeout: null}}';
    const loaded = loadExperiment(writeExperiment(dir, yaml(costs)));
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
    expect(loaded.value.traces[0]!.containerCosts).toMatchObject({ podFailureRate: 0.2, ignoreSigterm: true, stopGrace: 10_000, pull: { timeout: null, fixed: 271 } });
    const r = await runExperiment(loaded.value, { outDir: join(dir, 'out'), workers: 0 });
    if (!r.ok) throw new Error('experiment failed');
    const csv = readFileSync(join(dir, 'out', 'summary.csv'), 'utf8').trim().split('\n').map((l) => l.split(','));
    const failures = csv.slice(1).filter((row) => row[3] !== 'all').map((row) => Number(row[csv[0]!.indexOf('sandbox_failures')]));
    expect(failures.some((n) => n > 0)).toBe(true);
    const again = await runExperiment(loaded.value, { outDir: join(dir, 'out2'), workers: 0 });
    if (!again.ok) throw new Error('experiment failed');
    expect(readFileSync(join(dir, 'out2', 'summary.csv'), 'utf8')).toBe(readFileSync(join(dir, 'out', 'summary.csv'), 'utf8'));
    const plain = loadExperiment(writeExperiment(dir, yaml(), 'plain.yaml'));
    if (!plain.ok) throw new Error('plain');
    expect(planRuns(plain.value, 'v')[0]!.task.key).not.toBe(planRuns(loaded.value, 'v')[0]!.task.key);
    const bad = loadExperiment(writeExperiment(dir, yaml('\n    containerCosts: {podFailureRate: 2}'), 'bad.yaml'));
    expect(bad.ok ? [] : bad.issues.map((i) => i.field)).toEqual(['traces[0].containerCosts.podFailureRate']);
  });

  it('fails a run under a whole-node policy with a clear message', async () => {
    const dir = inputs();
    const loaded = loadExperiment(writeExperiment(dir, yaml('', 'easy')));
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
    const r = await runExperiment(loaded.value, { outDir: join(dir, 'out'), workers: 0 });
    expect(r.ok).toBe(false);
  });
});
