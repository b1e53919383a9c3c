import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folders whose code decides a run's result (scheduler, simulator, trace reader, metrics,
 * runner). A change to any file in them changes every run's cache key; the report and plots are
 * left out on purpose: redrawing a chart never re-simulates.
 */
export const RESULT_CODE_DIRS = ['core', 'runtime-sim', 'traces', 'experiments/metrics', 'experiments/experiment', 'experiments/output', 'experiments/scenario'] as const;

const here = fileURLToPath(import.meta.url);
/** The root of the running code: the repository (sources under vitest) or dist/ (compiled). */
const codeRoot = join(dirname(here), '..', '..');
const codeExt = here.endsWith('.ts') ? '.ts' : '.js';

let cached: string | undefined;

/**
 * `<package version>+<12 hex digits>`: a hash over the running code of RESULT_CODE_DIRS (file
 * paths and bytes, in sorted order). Deterministic for the same code.
 */
export function codeVersion(packageVersion: string): string {
  if (cached === undefined) {
    const hash = createHash('sha256');
    for (const dir of RESULT_CODE_DIRS) {
      for (const file of listFiles(join(codeRoot, dir))) {
        hash.update(relative(codeRoot, file).replaceAll('\\', '/'));
        hash.update('\0');
        hash.update(readFileSync(file));
        hash.update('\0');
      }
    }
    cached = hash.digest('hex').slice(0, 12);
  }
  return `${packageVersion}+${cached}`;
}

function listFiles(dir: string): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const path = join(dir, e.name);
    if (e.isDirectory()) out.push(...listFiles(path));
    else if (e.name.endsWith(codeExt) && !e.name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}
