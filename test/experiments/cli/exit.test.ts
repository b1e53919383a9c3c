import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../support/shared.js';

const exitModule = join(repoRoot, 'dist', 'experiments', 'cli', 'exit.js');

/**
 * Runs a node process that writes `bytes` to stdout and stderr, then calls exitWhenFlushed(code);
 * its pipes are read only after `delayMs`, so the writes are still queued when it asks to exit.
 */
function run(bytes: number, code: number, delayMs: number): Promise<{ status: number | null; out: number; err: number }> {
  const script = `import(${JSON.stringify(exitModule)}).then((m) => { process.stdout.write('o'.repeat(${bytes})); process.stderr.write('e'.repeat(${bytes})); m.exitWhenFlushed(${code}); })`;
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['-e', script]);
    let out = 0;
    let err = 0;
    p.stdout.pause();
    p.stderr.pause();
    setTimeout(() => {
      p.stdout.on('data', (d: Buffer) => (out += d.length)).resume();
      p.stderr.on('data', (d: Buffer) => (err += d.length)).resume();
    }, delayMs);
    p.on('error', reject);
    p.on('close', (status) => resolve({ status, out, err }));
  });
}

describe('exitWhenFlushed', () => {
  it('exits with the code only after everything written to a slow pipe has gone out', async () => {
    // 4 MB is far beyond a pipe's 64 KB buffer: a plain process.exit() here delivers 64 KB.
    const r = await run(4_000_000, 3, 300);
    expect(r).toEqual({ status: 3, out: 4_000_000, err: 4_000_000 });
  });

  it('exits at once with nothing queued', async () => {
    expect(await run(0, 0, 0)).toEqual({ status: 0, out: 0, err: 0 });
  });
});
