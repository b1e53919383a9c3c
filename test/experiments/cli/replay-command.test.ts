import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { JOBS_CSV_COLUMNS } from '../../../experiments/output/jobs-csv.js';
import { cranelab } from '../../support/cli.js';
import { shared } from '../../support/shared.js';

const out = mkdtempSync(join(tmpdir(), 'cranelab-replay-'));
const sdsc = shared('traces', 'swf', 'SDSC-SP2-1998-4-raw-first4961.swf');

describe('cranelab replay', () => {
  it('writes jobs.csv, summary.json and schedule.swf, and prints a summary', () => {
    const r = cranelab(['replay', sdsc, '--policy', 'easy', '--out', join(out, 'a')]);
    expect(r.stderr).toContain('warning: rows with no run time');
    expect(r.status).toBe(0);
    for (const label of ['trace', 'jobs', 'wait', 'bounded sld', 'utilization', 'makespan', 'simulated', 'wall time', 'wrote']) expect(r.stdout).toMatch(new RegExp(`^${label} `, 'm'));
    expect(r.stdout).toContain('4,961 (4,961 finished, 0 rejected');
    const csv = readFileSync(join(out, 'a', 'jobs.csv'), 'utf8').trimEnd().split('\n');
    expect(csv[0]).toBe(JOBS_CSV_COLUMNS.join(','));
    expect(csv.length).toBe(4962);
    // SDSC job 1 is a bad row at submit 0: simulated at 1 s as a 1 s job (reference mapping)
    // (user 3, group 74 as the account; killed by cancellation: CraneSched's Terminated, 320)
    expect(csv[1]).toBe('1,1,1,1,COMPLETED_KILLED,1,1,2,0,1,1.000000,0,3,74,default,,Cancelled,320,1.000000,');
    const summary = JSON.parse(readFileSync(join(out, 'a', 'summary.json'), 'utf8'));
    expect(Object.keys(summary)).toEqual(['trace', 'policy', 'processors', 'processors_from', 'missing_estimate', 'unix_start_time', 'time_zone', 'metrics']);
    expect(summary.metrics.jobs).toBe(4961);
    const swf = readFileSync(join(out, 'a', 'schedule.swf'), 'utf8').split('\n').filter((l) => l !== '' && !l.startsWith(';'));
    expect(swf.length).toBe(4961);
  });

  it('is deterministic: the same trace and options give byte-identical outputs', () => {
    for (const dir of ['b1', 'b2']) expect(cranelab(['replay', sdsc, '--policy', 'conservative', '--out', join(out, dir), '--quiet']).status).toBe(0);
    for (const f of ['jobs.csv', 'summary.json', 'schedule.swf']) {
      expect(readFileSync(join(out, 'b1', f)).equals(readFileSync(join(out, 'b2', f)))).toBe(true);
    }
  });

  it('takes the machine size from --procs over the header', () => {
    expect(cranelab(['replay', sdsc, '--policy', 'fcfs', '--procs', '256', '--out', join(out, 'c'), '--quiet']).status).toBe(0);
    const summary = JSON.parse(readFileSync(join(out, 'c', 'summary.json'), 'utf8'));
    expect([summary.processors, summary.processors_from]).toEqual([256, 'option']);
  });

  it('replays a trace with CraneSched\'s planner (no accounts, submission order)', () => {
    const r = cranelab(['replay', sdsc, '--policy', 'cranesched', '--out', join(out, 'cs'), '--quiet']);
    expect(r.status).toBe(0);
    const summary = JSON.parse(readFileSync(join(out, 'cs', 'summary.json'), 'utf8'));
    expect([summary.policy, summary.metrics.jobs_finished]).toEqual(['cranesched', 4961]);
  });

  it.each([
    [['replay', 'no-such.swf', '--policy', 'easy'], 1, /cranelab: no-such\.swf: cannot read: ENOENT/],
    [['replay', sdsc, '--policy', 'sjf'], 2, /unknown policy 'sjf'; known: fcfs, easy, conservative, cranesched/],
    [['replay', sdsc], 2, /--policy is required/],
    [['replay', sdsc, '--policy', 'easy', '--bogus'], 2, /Unknown option '--bogus'/],
    [['replay', sdsc, '--policy', 'easy', '--procs', 'ten'], 2, /--procs must be a positive integer, got 'ten'/],
    [['replay', sdsc, '--policy', 'easy', '--missing-estimate', 'zero'], 2, /--missing-estimate must be runtime or one-second, got 'zero'/],
    [['replay'], 2, /missing the trace file \(or --scenario FILE\)/],
    [['replay', sdsc, '--policy', 'easy', '--ignore-unsupported-events'], 2, /--ignore-unsupported-events needs --scenario/],
    [['frobnicate'], 2, /unknown command 'frobnicate'/],
  ])('exits non-zero with a clear message: %j', (args, status, message) => {
    const r = cranelab(args);
    expect(r.status).toBe(status);
    expect(r.stderr).toMatch(message);
  });

  it('prints usage for help', () => {
    const r = cranelab(['replay', '--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Usage: cranelab replay <trace.swf[.gz]> --policy fcfs|easy|conservative|cranesched [options]\n       cranelab replay --scenario FILE [--policy P] [options]');
  });
});
