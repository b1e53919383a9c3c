import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { STEPS_CSV_COLUMNS } from '../../../experiments/output/steps-csv.js';
import { formatContainerWorkload } from '../../../traces/container/index.js';
import { generatePipelineWorkload } from '../../../traces/generators/index.js';
import { cranelab } from '../../support/cli.js';

function workloadFile(dir: string, jobs: number): string {
  const w = generatePipelineWorkload({ seed: 'cli', jobs, meanInterarrival: 20 });
  if (!w.ok) throw new Error(w.issues.join('; '));
  const file = join(dir, 'w.jsonl');
  writeFileSync(file, formatContainerWorkload(w.value));
  return file;
}

describe('container workloads on the command line', () => {
  it('replay <workload.jsonl> writes jobs.csv, steps.csv (one row per step, the documented columns) and summary.json, byte-identical on a re-run', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cranelab-pods-'));
    const file = workloadFile(dir, 6);
    const a = cranelab(['replay', file, '--out', join(dir, 'a')]);
    expect(a.status, a.stderr).toBe(0);
    expect(a.stdout).toMatch(/Pod sandboxes/);
    const steps = readFileSync(join(dir, 'a', 'steps.csv'), 'utf8').trim().split('\n');
    expect(steps[0]).toBe(STEPS_CSV_COLUMNS.join(','));
    expect(steps.length).toBeGreaterThan(6);
    expect(steps.slice(1).every((l) => /,(Completed|Failed|Cancelled|ExceedTimeLimit|OutOfMemory|Deadline|Rejected),/.test(l))).toBe(true);
    const summary = JSON.parse(readFileSync(join(dir, 'a', 'summary.json'), 'utf8'));
    expect(summary).toMatchObject({ mode: 'pods', policy: 'cranesched', step_order: 'fifo', metrics: { jobs: 6 } });
    const b = cranelab(['replay', file, '--out', join(dir, 'b'), '--quiet']);
    expect(b.status).toBe(0);
    for (const f of ['jobs.csv', 'steps.csv', 'summary.json']) expect(readFileSync(join(dir, 'b', f), 'utf8')).toBe(readFileSync(join(dir, 'a', f), 'utf8'));
    const split = cranelab(['replay', file, '--per-container', '--out', join(dir, 's'), '--quiet']);
    expect(split.status).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 's', 'summary.json'), 'utf8')).metrics.jobs).toBeGreaterThan(6);
  });

  it('refuses trace options for a container workload and other policies than cranesched', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cranelab-pods-'));
    const file = workloadFile(dir, 1);
    expect(cranelab(['replay', file, '--policy', 'easy']).status).toBe(2);
    expect(cranelab(['replay', file, '--procs', '4']).status).toBe(2);
    expect(cranelab(['replay', file, '--step-order', 'random']).status).toBe(2);
    expect(cranelab(['replay', file, '--step-cycle', '0']).status).toBe(2);
    expect(cranelab(['replay', '/work/none.swf', '--policy', 'easy', '--step-cycle', '100']).status).toBe(2);
    expect(cranelab(['replay', file, '--step-cycle', '100', '--quiet', '--out', join(dir, 'cycle')]).status).toBe(0);
    expect(cranelab(['replay', '/work/none.swf', '--policy', 'easy', '--per-container']).status).toBe(2);
  });

  it('takes cost overrides (--costs) and a Pod failure seed (--seed), and names the file, line and field of a bad override', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cranelab-pods-'));
    const file = workloadFile(dir, 12);
    const costs = join(dir, 'costs.yaml');
    writeFileSync(costs, 'podFailureRate: 0.5\npull:\n  downloadMiBps: 50\n');
    const run = (out: string, seed?: string) => {
      const r = cranelab(['replay', file, '--costs', costs, ...(seed === undefined ? [] : ['--seed', seed]), '--quiet', '--out', join(dir, out)]);
      expect(r.status, r.stderr).toBe(0);
      return { jobs: readFileSync(join(dir, out, 'jobs.csv'), 'utf8'), summary: JSON.parse(readFileSync(join(dir, out, 'summary.json'), 'utf8')) };
    };
    const a = run('a', '7');
    expect(a.summary).toMatchObject({ costs: 'costs.yaml', seed: '7' });
    expect(a.jobs).toMatch(/,COMPLETED_FAILED,/); // half the Pods fail to start
    expect(run('b', '7').jobs).toBe(a.jobs);
    expect(run('c', '8').jobs).not.toBe(a.jobs);
    expect(run('d').summary.seed).toBe('1');
    writeFileSync(costs, 'podStart: 1000\npull:\n  downloadMiBps: -1\n  speed: 3\n');
    const bad = cranelab(['replay', file, '--costs', costs, '--out', join(dir, 'bad')]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain(`${costs}:3: pull.downloadMiBps: expected MiB/s > 0, got -1`);
    expect(bad.stderr).toContain(`${costs}:4: pull.speed: unknown field`);
    expect(cranelab(['replay', '/work/none.swf', '--policy', 'easy', '--seed', '3']).status).toBe(2);
    expect(cranelab(['replay', file, '--costs', join(dir, 'missing.yaml')]).stderr).toMatch(/missing\.yaml: cannot read/);
  });

  it('pods runs the workload both ways and writes the comparison', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cranelab-pods-'));
    const r = cranelab(['pods', '--jobs', '8', '--out', dir]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/\| Pod sandboxes started \| \d+ \| \d+ \|/);
    const c = JSON.parse(readFileSync(join(dir, 'comparison.json'), 'utf8'));
    expect(c.modes.pods.jobs).toBe(8);
    expect(c.modes['per-container'].sandboxes).toBeGreaterThan(c.modes.pods.sandboxes);
    expect(readFileSync(join(dir, 'overhead.svg'), 'utf8')).toMatch(/^<svg|<\?xml/);
    expect(readFileSync(join(dir, 'pods', 'steps.csv'), 'utf8').split('\n')[0]).toBe(STEPS_CSV_COLUMNS.join(','));
  });
});
