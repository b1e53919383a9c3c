import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { formatIssue, loadSwfWorkload, readSwf, type SwfRecord } from '../../../traces/index.js';
import { sortBySubmit } from '../../../runtime-sim/index.js';
import { shared } from '../../support/shared.js';

const dir = mkdtempSync(join(tmpdir(), 'cranelab-swf-'));
let n = 0;
function file(text: string, name = `t${n++}.swf`): string {
  const path = join(dir, name);
  writeFileSync(path, name.endsWith('.gz') ? gzipSync(text) : text);
  return path;
}
const line = (...f: number[]): string => [...f, ...new Array(18 - f.length).fill(-1)].join(' ');

async function records(path: string, options = {}): Promise<{ records: SwfRecord[]; result: Awaited<ReturnType<typeof readSwf>> }> {
  const out: SwfRecord[] = [];
  const result = await readSwf(path, (r) => out.push(r), options);
  return { records: out, result };
}

describe('SWF reader', () => {
  it('reads all 18 fields by name and the header into metadata', async () => {
    const f = file(['; Version: 2.2', '; MaxNodes: 100', '; MaxProcs: 128', '; UnixStartTime: 843480031', '; TimeZoneString: Europe/Stockholm', '; Queue: 1 batch', '; Queue: 2 debug', '; Note: uses EASY', '', line(7, 10, 3, 50, 4, 1, 2, 4, 60, 5, 1, 11, 12, 13, 1, 2, 6, 9)].join('\n'));
    const { records: rs, result } = await records(f);
    if (!result.ok) throw new Error(result.error.message);
    expect(rs[0]).toEqual({
      jobNumber: 7, submitTime: 10, waitTime: 3, runTime: 50, allocatedProcessors: 4, averageCpuTime: 1, usedMemory: 2, requestedProcessors: 4, requestedTime: 60, requestedMemory: 5,
      status: 1, userId: 11, groupId: 12, executableNumber: 13, queueNumber: 1, partitionNumber: 2, precedingJobNumber: 6, thinkTime: 9, line: 10,
    });
    const h = result.value.header;
    expect([h.maxNodes, h.maxProcs, h.unixStartTime, h.timeZoneString, h.version]).toEqual([100, 128, 843480031, 'Europe/Stockholm', '2.2']);
    expect(h.queues).toEqual(['1 batch', '2 debug']);
    expect(h.notes).toEqual(['uses EASY']);
    expect(result.value.warnings).toEqual([]);
  });

  it('names file, line and field for too few fields', async () => {
    const f = file(['; MaxProcs: 4', line(1, 0, 0, 5, 1), '1 2 3 4 5 6 7'].join('\n'));
    const { result } = await records(f);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(formatIssue(result.error)).toBe(`${f}:3: field 8 (requestedProcessors): missing: the line has 7 fields, SWF has 18`);
  });

  it('names file, line and field for a non-number, and keeps nothing half-read', async () => {
    const f = file(['; MaxProcs: 4', line(1, 0, 0, 5, 1), line(2, 1, 0, 5, 1).replace(' 5 ', ' 5x ')].join('\n'));
    const loaded = await loadSwfWorkload(f);
    expect(loaded.ok).toBe(false);
    if (loaded.ok) return;
    expect(formatIssue(loaded.error)).toBe(`${f}:3: field 4 (runTime): '5x' is not a number`);
  });

  it('turns broken lines into a counted warning with --skip-bad-lines, keeping the good ones', async () => {
    const f = file(['; MaxProcs: 4', line(1, 0, 0, 5, 1), '1 2 3', line(3, 2, 0, 5, 1), 'x y z'].join('\n'));
    const loaded = await loadSwfWorkload(f, { skipBadLines: true });
    if (!loaded.ok) throw new Error(loaded.error.message);
    expect(loaded.value.jobs.map((j) => j.spec.externalId)).toEqual(['1', '3']);
    expect(loaded.value.skipped).toBe(2);
    expect(loaded.value.warnings).toContainEqual({ file: f, message: 'skipped broken lines (too few fields or a non-number)', count: 2, firstLine: 3 });
  });

  it('tolerates extra columns, fractional times and CRLF line ends, with warnings', async () => {
    const f = file(['; MaxProcs: 8', `${line(1, 0, 0, 5.7, 1, -1, -1, -1, 10)} 99 98`, line(2, 1.5, 0, 5, 1, -1, -1, -1, 10)].join('\r\n'));
    const loaded = await loadSwfWorkload(f);
    if (!loaded.ok) throw new Error(loaded.error.message);
    expect(loaded.value.jobs.map((j) => [j.submitTime, j.runtime])).toEqual([
      [0, 5000],
      [1500, 5000],
    ]);
    expect(loaded.value.warnings.map((w) => [w.message, w.count, w.firstLine])).toEqual([
      ['lines have more than 18 fields; the extra fields are ignored', 1, 2],
      ['fractional times (submit, run or requested time); run and requested times are truncated to whole seconds', 2, 2],
    ]);
  });

  it('reads gzip-compressed files', async () => {
    const f = file(['; MaxProcs: 4', line(1, 0, 0, 5, 2, -1, -1, -1, 9)].join('\n'), 'x.swf.gz');
    const loaded = await loadSwfWorkload(f);
    if (!loaded.ok) throw new Error(loaded.error.message);
    expect(loaded.value.jobs[0]!.spec.request.nodeCount).toBe(2);
  });

  it('reports a missing file and a header without machine size', async () => {
    const missing = await loadSwfWorkload(join(dir, 'nope.swf'));
    expect(missing.ok || formatIssue(missing.error)).toMatch(/nope\.swf: cannot read: ENOENT/);
    const noSize = await loadSwfWorkload(file(line(1, 0, 0, 5, 1)));
    expect(noSize.ok || formatIssue(noSize.error)).toMatch(/header: no MaxProcs or MaxNodes in the header: give the machine size with --procs/);
    const given = await loadSwfWorkload(file(line(1, 0, 0, 5, 1)), { processors: 3 });
    expect(given.ok && given.value.processors).toBe(3);
  });

  it('takes MaxProcs, else MaxNodes, unless told otherwise', async () => {
    const nodesOnly = await loadSwfWorkload(file(['; MaxNodes: 64', line(1, 0, 0, 5, 1)].join('\n')));
    expect(nodesOnly.ok && [nodesOnly.value.processors, nodesOnly.value.processorsFrom]).toEqual([64, 'MaxNodes']);
  });

  it('rejects the Slurm-simulator variant as not SWF', async () => {
    const loaded = await loadSwfWorkload(shared('traces', 'swf', 'slurm_sim_micro_jobs500.swf-variant.txt'), { processors: 10 });
    expect(loaded.ok).toBe(false);
    if (loaded.ok) return;
    expect(loaded.error.line).toBe(1);
    expect(loaded.error.message).toMatch(/Slurm simulator's job-trace variant, not SWF/);
  });

  it('warns about absolute epochs (ALCF-Theta-2022) and keeps them', async () => {
    const loaded = await loadSwfWorkload(shared('traces', 'swf', 'ALCF-Theta-2022.swf'));
    if (!loaded.ok) throw new Error(loaded.error.message);
    expect(loaded.value.jobs.length).toBe(23911);
    expect(loaded.value.processors).toBe(4360);
    expect(loaded.value.jobs[0]!.submitTime).toBe(1641021254000);
    expect(loaded.value.warnings.some((w) => w.message.startsWith('submit times look like absolute Unix epochs (first 1641021254 = 2022-01-01T07:14:14.000Z)'))).toBe(true);
  });

  it('warns about unsorted submit times (ALCF-Theta-2023) and the replay sorts them stably', async () => {
    const loaded = await loadSwfWorkload(shared('traces', 'swf', 'ALCF-Theta-2023-unsorted.swf'));
    if (!loaded.ok) throw new Error(loaded.error.message);
    const w = loaded.value.warnings.find((x) => x.message.startsWith('submit times out of order'));
    expect(w?.count).toBe(2726); // SOURCES.md: 2,726 adjacent pairs decrease
    expect(loaded.value.jobs.length).toBe(8401);
    const sorted = sortBySubmit(loaded.value.jobs.map((j, fileIndex) => ({ submitTime: j.submitTime, fileIndex })));
    for (let i = 1; i < sorted.length; i++) {
      const [a, b] = [sorted[i - 1]!, sorted[i]!];
      expect(a.submitTime < b.submitTime || (a.submitTime === b.submitTime && a.fileIndex < b.fileIndex)).toBe(true);
    }
  });

  it('reads every bundled and shared SWF trace without error', async () => {
    const traces = ['KTH-SP2-1996-2.swf', 'NASA-iPSC-1993-3.1-cln.swf', 'SDSC-SP2-1998-4-raw-first4961.swf', 'HPC2N-2002-2.2-alea-sample3170.swf', 'lublin_256.swf', 'lublin_256_new2.swf'];
    const counts: number[] = [];
    for (const t of traces) {
      const loaded = await loadSwfWorkload(shared('traces', 'swf', t));
      if (!loaded.ok) throw new Error(formatIssue(loaded.error));
      counts.push(loaded.value.jobs.length);
    }
    expect(counts).toEqual([28489, 18239, 4961, 3170, 10000, 10000]);
  });
});
