import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

/** The repository root (this file is test/experiments/experiment/fixtures.ts). */
export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

export const KTH = join(repoRoot, 'traces', 'data', 'KTH-SP2-1996-2.swf.gz');

/** A fresh temporary folder. */
export const tempDir = (name: string): string => mkdtempSync(join(tmpdir(), `cranelab-${name}-`));

/** The KTH header and its first `jobs` jobs as a plain SWF file in `dir`: real data, fast to replay. */
export function kthSlice(dir: string, jobs: number, name = 'kth-slice.swf'): string {
  const lines = gunzipSync(readFileSync(KTH)).toString('utf8').split('\n');
  const header = lines.filter((l) => l.startsWith(';'));
  const body = lines.filter((l) => l.trim() !== '' && !l.startsWith(';')).slice(0, jobs);
  const file = join(dir, name);
  writeFileSync(file, [...header, ...body].join('\n') + '\n');
  return file;
}

/** Writes an experiment file into `dir` and returns its path. */
export function writeExperiment(dir: string, yaml: string, name = 'experiment.yaml'): string {
  const file = join(dir, name);
  writeFileSync(file, yaml);
  return file;
}
