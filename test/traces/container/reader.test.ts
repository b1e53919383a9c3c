import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { formatIssue, formatWarning } from '../../../traces/issue.js';
import { loadContainerWorkload, readContainerWorkload } from '../../../traces/container/index.js';

const dir = mkdtempSync(join(tmpdir(), 'cranelab-ccon-'));
function file(name: string, lines: readonly string[]): string {
  const path = join(dir, name);
  writeFileSync(path, lines.join('\n'));
  return path;
}

const job = (id: string, submit: number, image = 'alpine:3.19', imageSizeMiB?: number): string =>
  JSON.stringify({
    id,
    submit,
    resources: { cpu: 1, mem: 64 },
    primary: { kind: 'container', duration: 1, container: imageSizeMiB === undefined ? { image } : { image, imageSizeMiB } },
  });

describe('readContainerWorkload', () => {
  it('streams jobs in file order, skipping blank and # lines, with their line numbers', async () => {
    const path = file('ok.jsonl', ['# a comment', job('a', 0), '', job('b', 5), '   ', job('c', 5)]);
    const seen: [string, number][] = [];
    const r = await readContainerWorkload(path, (j, line) => seen.push([j.id, line]));
    expect(r).toEqual({ ok: true, value: { file: path, jobs: 3, warnings: [] } });
    expect(seen).toEqual([['a', 2], ['b', 4], ['c', 6]]);
  });

  it('reads gzip-compressed files', async () => {
    const path = join(dir, 'ok.jsonl.gz');
    writeFileSync(path, gzipSync(`${job('a', 0)}\n${job('b', 1)}\n`));
    const r = await loadContainerWorkload(path);
    expect(r.ok && r.value.jobs.map((j) => j.id)).toEqual(['a', 'b']);
  });

  it('collects the issues of every line, with file, line and field', async () => {
    const path = file('bad.jsonl', [job('a', 0), '{"id": "b"', job('c', -1), job('a', 3)]);
    const r = await loadContainerWorkload(path);
    expect(r.ok).toBe(false);
    const messages = r.ok ? [] : r.issues.map(formatIssue);
    expect(messages[0]).toMatch(new RegExp(`^${path}:2: invalid JSON: `));
    expect(messages.slice(1)).toEqual([
      `${path}:3: submit: expected seconds >= 0, got -1`,
      `${path}:4: id: duplicate job id "a" (first at line 1)`,
    ]);
  });

  it('dependencies must name a job on an earlier line', async () => {
    const dep = (id: string, on: string): string => JSON.stringify({ ...JSON.parse(job(id, 1)), dependencies: [{ type: 'afterok', job: on }] });
    const path = file('deps.jsonl', [job('a', 0), dep('b', 'a'), dep('c', 'd'), job('d', 2), dep('e', 'e')]);
    const r = await loadContainerWorkload(path);
    expect(r.ok ? [] : r.issues.map(formatIssue)).toEqual([
      `${path}:3: dependencies[0].job: job "d" is not on an earlier line`,
      `${path}:5: dependencies[0].job: job "e" is not on an earlier line`,
    ]);
  });

  it('one image has one declared size across the file', async () => {
    const path = file('sizes.jsonl', [job('a', 0, 'py:3', 100), job('b', 1, 'py:3'), job('c', 2, 'py:3', 120)]);
    const r = await loadContainerWorkload(path);
    expect(r.ok ? [] : r.issues.map(formatIssue)).toEqual([
      `${path}:3: primary.container.imageSizeMiB: image "py:3" was given 100 MiB at line 1; one image has one size`,
    ]);
  });

  it('warns (counted, first line) when submit times go backwards', async () => {
    const path = file('order.jsonl', [job('a', 10), job('b', 5), job('c', 20), job('d', 1)]);
    const r = await loadContainerWorkload(path);
    expect(r.ok && r.value.warnings.map(formatWarning)).toEqual([
      `${path}: warning: submit times are not in ascending order; jobs are sorted by submit time (stable) [2 lines] (first at line 2)`,
    ]);
  });

  it('stops after maxIssues and says so', async () => {
    const path = file('many.jsonl', Array.from({ length: 10 }, (_, i) => job(`j${i}`, -1)));
    const r = await loadContainerWorkload(path, { maxIssues: 3 });
    expect(r.ok ? [] : r.issues.map(formatIssue)).toEqual([
      `${path}:1: submit: expected seconds >= 0, got -1`,
      `${path}:2: submit: expected seconds >= 0, got -1`,
      `${path}:3: submit: expected seconds >= 0, got -1`,
      `${path}: stopped after 3 issues`,
    ]);
  });
});
