import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { makeNodeId, makePlanner, uniformCluster, type JobSpec } from '../../../core/index.js';
import { simulate, type SimJob } from '../../../runtime-sim/index.js';
import { ChunkedFile, csvField, ratio, seconds } from '../../../experiments/output/csv.js';
import { intervalSet, JOBS_CSV_COLUMNS, writeJobsCsv, writeNodeSet } from '../../../experiments/output/jobs-csv.js';
import { putCsvText, putNumber, putRatio, putSeconds, ratioScaled } from '../../../experiments/output/row-bytes.js';
import { writeScheduleSwf } from '../../../experiments/output/swf-export.js';

const dir = mkdtempSync(join(tmpdir(), 'cranelab-writers-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function job(id: string, submit: number, run: number, nodes: number, strings: Partial<JobSpec> = {}): SimJob {
  const spec: JobSpec = {
    externalId: id,
    user: '7',
    account: '3',
    partition: 'default',
    qos: '',
    request: { nodeCount: nodes, perNode: { cpuMilli: 1000, memMiB: 0 } },
    timeLimit: (run + 5) * 1000,
    ...strings,
  };
  return { spec, submitTime: submit, runtime: run * 1000, outcome: 'Completed', exitCode: 0 };
}

describe('jobs.csv and schedule.swf writers', () => {
  // Odd text fields must come back unchanged through an RFC 4180 reader; times are in ms here.
  const jobs = [
    job('a,1', 0, 10, 2, { user: 'smith, j', account: 'say "hi"' }),
    job('b', 1500, 3, 3, { user: 'multi\nline', qos: 'ünïcödé' }),
    job('42', 2250, 7, 1),
  ];
  const result = simulate(jobs, { cluster: uniformCluster(4), planner: makePlanner('easy')!, validate: true });

  it('jobs.csv quotes what needs quoting and formats times and node sets', () => {
    const file = join(dir, 'jobs.csv');
    writeJobsCsv(file, result);
    const rows = parse(readFileSync(file, 'utf8'), { columns: true }) as Array<Record<string, string>>;
    expect(Object.keys(rows[0]!)).toEqual([...JOBS_CSV_COLUMNS]);
    expect(rows.map((r) => [r['job_id'], r['user'], r['account'], r['qos'], r['submission_time'], r['starting_time'], r['allocated_resources']])).toEqual([
      ['a,1', 'smith, j', 'say "hi"', '', '0', '0', '0-1'],
      ['b', 'multi\nline', '3', 'ünïcödé', '1.5', '10', '0-2'], // 3 nodes: waits for a's end at 10 s
      ['42', '7', '3', '', '2.25', '2.25', '2'], // backfilled: its limit ends at 14.25 s, before b's reservation (15 s)
    ]);
    expect(rows[1]!['waiting_time']).toBe('8.5');
    expect(rows[1]!['bounded_slowdown']).toBe('1.150000'); // (8.5 + 3) / max(3, 10)
  });

  it('writes a node set from stored runs exactly as from the list, sorted or not', () => {
    const toRuns = (nodes: readonly number[]): number[] => {
      const out: number[] = [];
      for (const n of nodes) {
        if (out.length > 0 && out[out.length - 2]! + out[out.length - 1]! === n) out[out.length - 1]!++;
        else out.push(n, 1);
      }
      return out;
    };
    const file = join(dir, 'node-sets.txt');
    const lists: number[][] = [];
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 0, max: 300 }), { maxLength: 60 }), fc.boolean(), (xs, sort) => {
        lists.push(sort ? [...xs].sort((a, b) => a - b) : xs);
      }),
      { numRuns: 300 },
    );
    lists.push([5, 6, 7, 0, 1], [0, 1, 2, 3], [2147483000, 2147483001]);
    const out = new ChunkedFile(file);
    for (const l of lists) {
      const nodes = l.map(makeNodeId);
      writeNodeSet(out, { nodes, nodeRuns: () => toRuns(l) });
      out.write('\n');
    }
    out.close();
    expect(readFileSync(file, 'utf8')).toBe(lists.map((l) => intervalSet(l.map(makeNodeId)) + '\n').join(''));
  });

  it('schedule.swf numbers jobs by their numeric id, else by row', () => {
    const file = join(dir, 'schedule.swf');
    writeScheduleSwf(file, result, ['Note: test']);
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    expect(lines[0]).toBe('; Note: test');
    expect(lines.slice(1).map((l) => l.split(' ').slice(0, 5).join(' '))).toEqual(['1 0 0 10 2', '2 2 9 3 3', '42 2 0 7 1']);
    expect(lines[1]!.split(' ')).toHaveLength(18);
    expect(lines[3]!.split(' ').slice(11, 13)).toEqual(['7', '3']); // numeric user and group kept
    expect(lines[2]!.split(' ').slice(11, 13)).toEqual(['-1', '3']); // a non-numeric user is -1
  });

  it('ChunkedFile writes UTF-8 text exactly, across its 64 KiB buffer and past it', () => {
    const file = join(dir, 'chunked.txt');
    const out = new ChunkedFile(file);
    const pieces = ['héllo ', '€', '𝄞 clef\n', 'x'.repeat(700_000), 'ü'.repeat(400_000), 'tail'];
    for (const p of pieces) out.write(p);
    out.close();
    expect(readFileSync(file, 'utf8')).toBe(pieces.join(''));
  });

  it('row helpers store numbers, seconds, ratios and CSV texts byte for byte as their strings', () => {
    const numbers = fc.sample(
      fc.oneof(fc.integer(), fc.integer({ min: -10, max: 10 }), fc.maxSafeInteger(), fc.double(), fc.constantFrom(0, -0, 2 ** 31, 2 ** 31 - 1, -(2 ** 31), 1e21, NaN, Infinity)),
      { numRuns: 3000, seed: 7 },
    );
    const ms = fc.sample(fc.oneof(fc.integer({ min: 0, max: 2 ** 40 }).map((s) => s * 1000), fc.integer({ min: 0, max: 2 ** 40 }), fc.constantFrom(NaN, Infinity)), { numRuns: 2000, seed: 8 });
    const ratios = fc.sample(fc.oneof(fc.double({ min: 0, max: 1e7, noNaN: true }), fc.double({ min: -5, max: 5, noNaN: true }), fc.constantFrom(1, 0.0000004, 2 ** 40 + 0.5)), { numRuns: 2000, seed: 9 });
    const texts = [
      ...fc.sample(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.string({ unit: fc.constantFrom('a', '"', ',', '\n', '\r', 'é', '𝄞', '1') })), { numRuns: 2000, seed: 10 }),
      '',
      'plain',
      'ünïcödé',
      'a,"b"',
    ];
    const b = Buffer.alloc(1 << 16);
    const each = <T>(xs: readonly T[], put: (at: number, x: T) => number): string[] => xs.map((x) => b.toString('utf8', 0, put(0, x)));
    expect(each(numbers, (at, n) => putNumber(b, at, n))).toEqual(numbers.map(String));
    expect(each(ms, (at, m) => putSeconds(b, at, m))).toEqual(ms.map(seconds));
    expect(each(ratios, (at, x) => putRatio(b, at, ratioScaled(x)))).toEqual(ratios.map(ratio));
    expect(each(texts, (at, t) => putCsvText(b, at, t))).toEqual(texts.map((t) => Buffer.from(csvField(t)).toString('utf8')));
    for (const t of texts) expect(putCsvText(b, 0, t)).toBeLessThanOrEqual(6 * t.length + 2);
  });

  it('a row longer than the 64 KiB buffer is written whole', () => {
    const long = job('x'.repeat(1_500_000), 0, 10, 1, { user: 'u'.repeat(600_000) });
    const r = simulate([long], { cluster: uniformCluster(2), planner: makePlanner('easy')!, validate: true });
    const file = join(dir, 'long.csv');
    writeJobsCsv(file, r);
    const rows = parse(readFileSync(file, 'utf8'), { columns: true }) as Array<Record<string, string>>;
    expect(rows[0]!['job_id']).toHaveLength(1_500_000);
    expect(rows[0]!['user']).toHaveLength(600_000);
    expect(rows[0]!['finish_time']).toBe('10');
    const swf = join(dir, 'long.swf');
    writeScheduleSwf(swf, r, []);
    expect(readFileSync(swf, 'utf8')).toBe('1 0 0 10 1 -1 -1 1 15 -1 1 -1 3 -1 -1 -1 -1 -1\n');
  });
});
