import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatIssue } from '../../../traces/index.js';
import { parseVariantLine, readSlurmVariant, type SlurmVariantRecord } from '../../../traces/slurm-variant/index.js';
import { shared } from '../../support/shared.js';

const MICRO = shared('traces', 'swf', 'slurm_sim_micro_jobs500.swf-variant.txt');
const dir = mkdtempSync(join(tmpdir(), 'cranelab-variant-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('readSlurmVariant on the Slurm simulator micro-cluster trace', () => {
  it('reads all 500 jobs with their user, account, queue and partition names', async () => {
    const records: SlurmVariantRecord[] = [];
    const r = await readSlurmVariant(MICRO, (rec) => records.push(rec));
    expect(r).toEqual({ ok: true, value: { records: 500, comments: [], warnings: [] } });
    expect(records[0]).toEqual({
      line: 1,
      jobNumber: 1001,
      submitTime: 0,
      waitTime: -1,
      runTime: 15,
      allocatedProcessors: 12,
      averageCpuTime: -1,
      usedMemory: -1,
      requestedProcessors: -1,
      requestedTime: 420,
      requestedMemory: -1,
      status: -1,
      user: 'user5',
      account: 'account2',
      executableNumber: -1,
      queue: 'normal',
      partition: 'normal',
      precedingJobNumber: -1,
      thinkTime: -1,
    });
    expect(records[2]!.usedMemory).toBe(500000);
    expect(new Set(records.map((x) => x.user))).toEqual(new Set(['user1', 'user2', 'user3', 'user4', 'user5']));
    expect(new Set(records.map((x) => x.account))).toEqual(new Set(['account1', 'account2']));
    expect(records.map((x) => x.jobNumber)).toEqual(Array.from({ length: 500 }, (_, i) => 1001 + i));
    // The file has jobs that ran 0 s or an unknown time (-1): the simulator's "until the limit".
    expect(records.filter((x) => x.runTime <= 0).length).toBeGreaterThan(0);
  });
});

describe('readSlurmVariant: every broken line names file, line and field', () => {
  const GOOD = '1;0;-1;15;12;-1;-1;-1;420;-1;-1;user5;account2;-1;normal;normal;;-1;';
  it.each([
    ['too few fields', '1;0;-1;15', undefined, "expected 18 fields separated by ';', got 4"],
    ['too many fields', `${GOOD}x;`, undefined, "expected 18 fields separated by ';', got 20"],
    ['plain SWF', '1 0 -1 15 12 -1 -1 -1 420 -1 -1 5 2 -1 1 1 -1 -1', undefined, 'fields are separated by whitespace: this is plain SWF, not the Slurm simulator variant (18 fields separated by ;)'],
    ['a non-number', GOOD.replace(';15;', ';fifteen;'), 'field 4 (runTime)', 'expected a number, got "fifteen"'],
    ['a missing required field', GOOD.replace(';420;', ';;'), 'field 9 (requestedTime)', 'missing: this field is required'],
    ['a missing user', GOOD.replace('user5', ''), 'field 12 (user)', 'missing: this field is required'],
    ['a name with a space', GOOD.replace('account2', 'acc 2'), 'field 13 (account)', 'expected a name without spaces or commas, got "acc 2"'],
  ])('%s', async (_what, line, field, message) => {
    const file = join(dir, 'bad.txt');
    writeFileSync(file, `${GOOD}\n; a comment\n\n${line}\n${GOOD}\n`);
    const r = await readSlurmVariant(file, () => {});
    expect(r.ok).toBe(false);
    if (!r.ok) expect(formatIssue(r.error)).toBe(`${file}:4: ${field === undefined ? '' : `${field}: `}${message}`);
  });

  it('keeps comments, reads empty optional fields as -1 or empty names, and warns about order', async () => {
    const file = join(dir, 'ok.txt');
    writeFileSync(file, '; Version: variant\n5;100;;10;2;;;;60;;;u;;;;;;\n6;50;-1;10;2;-1;-1;-1;60;-1;1;u;a;-1;q;p;-1;-1\n');
    const records: SlurmVariantRecord[] = [];
    const r = await readSlurmVariant(file, (x) => records.push(x));
    expect(r).toEqual({ ok: true, value: { records: 2, comments: ['; Version: variant'], warnings: [{ file, message: 'submit times out of order; jobs are stably sorted by submit time', count: 1, firstLine: 3 }] } });
    expect(records[0]).toMatchObject({ waitTime: -1, account: '', queue: '', partition: '', status: -1 });
    expect(records[1]).toMatchObject({ account: 'a', queue: 'q', partition: 'p', status: 1 });
  });

  it('parses one line without a file', () => {
    expect(parseVariantLine('1;2;3', 9)).toBe("expected 18 fields separated by ';', got 3");
  });

  it('reports a file that cannot be read', async () => {
    const r = await readSlurmVariant(join(dir, 'missing.txt'), () => {});
    expect(r.ok ? '' : formatIssue(r.error)).toMatch(/missing\.txt: cannot read: ENOENT/);
  });
});
