import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, from either the sources or dist/ (compiled code sits one level deeper). */
export function repositoryRoot(): string {
  const up = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
  return basename(up) === 'dist' ? dirname(up) : up;
}

/** Versions that shape a result or its report: CraneLab's, Node's, and the libraries used. */
export interface Versions {
  readonly cranelab: string;
  readonly node: string;
  readonly d3: string;
  readonly yaml: string;
  readonly seedrandom: string;
}

export function versions(): Versions {
  const root = repositoryRoot();
  const versionAt = (dir: string): string => {
    try {
      return (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version;
    } catch {
      return 'unknown';
    }
  };
  const dep = (pkg: string): string => versionAt(join(root, 'node_modules', pkg));
  return { cranelab: versionAt(root), node: process.version, d3: dep('d3'), yaml: dep('yaml'), seedrandom: dep('seedrandom') };
}
