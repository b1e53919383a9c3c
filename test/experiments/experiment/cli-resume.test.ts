import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kthSlice, repoRoot, tempDir, writeExperiment } from './fixtures.js';

const CLI = join(repoRoot, 'dist', 'experiments', 'cli', 'main.js');

const EXPERIMENT = `name: resume
traces: [kth-slice.swf]
profiles: [conservative]
seeds: 6
`;

function cli(args: readonly string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const completedRuns = (out: string): string[] => (existsSync(join(out, 'runs')) ? readdirSync(join(out, 'runs')).filter((n) => !n.startsWith('.')) : []);

describe('cranelab experiment (the built CLI)', () => {
  it('rejects a bad experiment file with file:line: field messages and exit code 1', () => {
    const dir = tempDir('cli-bad');
    kthSlice(dir, 10);
    const file = writeExperiment(dir, EXPERIMENT.replace('seeds: 6', 'seeds: six'));
    const r = cli(['experiment', file, '--out', join(dir, 'out')]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/experiment\.yaml:4: seeds: expected a list, got 'six'/);
  });

  it('resumes after being killed mid-run, computing only what is missing', async () => {
    const dir = tempDir('cli-resume');
    kthSlice(dir, 2500);
    const file = writeExperiment(dir, EXPERIMENT);
    const clean = join(dir, 'clean');
    expect(cli(['experiment', file, '--out', clean, '--workers', '1', '--quiet']).status).toBe(0);

    // Kill -9 as soon as the first run is stored: no chance to clean up.
    const out = join(dir, 'out');
    const child = spawn(process.execPath, [CLI, 'experiment', file, '--out', out, '--workers', '1', '--quiet'], { stdio: 'ignore' });
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    await new Promise<void>((resolve) => {
      const poll = setInterval(() => {
        if (completedRuns(out).length >= 1 || child.exitCode !== null) {
          clearInterval(poll);
          resolve();
        }
      }, 5);
    });
    child.kill('SIGKILL');
    await exited;
    const saved = completedRuns(out).length;
    expect(saved).toBeGreaterThanOrEqual(1);
    expect(saved).toBeLessThan(6); // killed mid-experiment, before the outputs were written
    expect(existsSync(join(out, 'report.html'))).toBe(false);

    const resumed = cli(['experiment', file, '--out', out, '--workers', '2']);
    expect(resumed.status).toBe(0);
    const line = resumed.stdout.split('\n').find((l) => l.startsWith('runs'));
    expect(line).toBe(`runs         6 (${6 - saved} computed on ${Math.min(2, 6 - saved)} worker(s), ${saved} from the cache)`);
    expect(resumed.stdout).toContain(`report       ${join(out, 'report.html')}`);
    for (const f of ['summary.csv', 'summary-ci.csv', 'summary.json', 'report.html']) expect(readFileSync(join(out, f), 'utf8')).toBe(readFileSync(join(clean, f), 'utf8'));
    expect(readdirSync(join(out, 'runs')).filter((n) => n.startsWith('.'))).toEqual([]);
  }, 180_000);
});
