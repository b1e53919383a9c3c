import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './shared.js';

export const cliPath = join(repoRoot, 'dist', 'experiments', 'cli', 'main.js');

/** Runs the compiled `cranelab` command (npm test builds it first). */
export function cranelab(args: readonly string[], cwd = repoRoot): { status: number | null; stdout: string; stderr: string } {
  if (!existsSync(cliPath)) throw new Error(`${cliPath} is missing: run 'npm run build' (npm test does it)`);
  const r = spawnSync(process.execPath, [cliPath, ...args], { cwd, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
