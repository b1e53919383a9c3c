import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { runScenarioReplay } from '../../../experiments/replay/scenario-replay.js';

// A job held and never released is still pending when nothing more can happen: the replay ends
// normally, the job is reported (NOT_FINISHED, its reason), nothing else is lost.
function scenarioWithout(line: RegExp): string {
  const dir = mkdtempSync(join(tmpdir(), 'cranelab-left-'));
  cpSync('traces/scenarios/gpu-cluster', dir, { recursive: true });
  const file = join(dir, 'scenario.yaml');
  const text = readFileSync(file, 'utf8');
  expect(text).toMatch(line);
  writeFileSync(file, text.replace(line, ''));
  return file;
}

describe('jobs left pending at the end', () => {
  it('a job held for good is reported as left pending with its reason, and the replay completes', async () => {
    const file = scenarioWithout(/^.*job-release, job: held.*$/m);
    const out = mkdtempSync(join(tmpdir(), 'cranelab-left-out-'));
    const run = await runScenarioReplay({ scenario: file, outDir: out, validate: true });
    expect(run.ok).toBe(true);
    if (!run.ok) return;
    const { result, report } = run.value;
    expect(result.leftPending.map((id) => result.jobs[id]!.view.spec.externalId)).toEqual(['held']);
    expect(report.jobs_left_pending).toBe(1);
    const rows = parse(readFileSync(join(out, 'jobs.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
    const held = rows.find((r) => r['job_id'] === 'held')!;
    expect(held).toMatchObject({ final_state: 'NOT_FINISHED', state: 'Pending', wait_reason: 'Held', starting_time: '' });
    // Everyone else is accounted for as before: finished, ended while pending, or rejected.
    const finished = rows.filter((r) => r['final_state'] !== 'NOT_FINISHED' && r['final_state'] !== 'REJECTED');
    expect(finished.length + 1 + report.metrics.jobs_rejected).toBe(rows.length);
  });

  it('records what a started job last waited for', async () => {
    const out = mkdtempSync(join(tmpdir(), 'cranelab-left-out-'));
    const run = await runScenarioReplay({ scenario: 'traces/scenarios/gpu-cluster/scenario.yaml', outDir: out, validate: true });
    expect(run.ok).toBe(true);
    if (!run.ok) return;
    expect(run.value.result.leftPending).toEqual([]);
    const rows = parse(readFileSync(join(out, 'jobs.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
    // The job held at submission and released at 3:00 waited for its release.
    expect(rows.find((r) => r['job_id'] === 'held')!['wait_reason']).toBe('Held');
    const reasons = new Set(rows.map((r) => r['wait_reason']));
    expect(reasons).toContain('');
    expect(reasons).toContain('Resource Reserved');
  });
});
