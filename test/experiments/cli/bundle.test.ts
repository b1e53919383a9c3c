import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cranelab } from '../../support/cli.js';
import { repoRoot, shared } from '../../support/shared.js';

const out = mkdtempSync(join(tmpdir(), 'cranelab-bundle-'));
const sdsc = shared('traces', 'swf', 'SDSC-SP2-1998-4-raw-first4961.swf');
const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { bin: { cranelab: string } };

/** The package's `cranelab` bin: the bundle tools/bundle.mjs makes of tsc's output (npm test builds both). */
function bin(args: readonly string[]): { status: number | null; stdout: string } {
  const r = spawnSync(process.execPath, [join(repoRoot, pkg.bin.cranelab), ...args], { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } });
  return { status: r.status, stdout: r.stdout };
}

describe('the bundled cranelab bin', () => {
  it('replays with the same bytes as the compiled modules', () => {
    expect(bin(['replay', sdsc, '--policy', 'easy', '--out', join(out, 'bundle'), '--quiet']).status).toBe(0);
    expect(cranelab(['replay', sdsc, '--policy', 'easy', '--out', join(out, 'modules'), '--quiet']).status).toBe(0);
    for (const f of ['jobs.csv', 'summary.json', 'schedule.swf']) {
      expect(readFileSync(join(out, 'bundle', f)).equals(readFileSync(join(out, 'modules', f)))).toBe(true);
    }
  });

  it('loads the on-demand commands', () => {
    for (const command of ['experiment', 'tui', 'pods']) {
      const r = bin([command, '--help']);
      expect(r.status).toBe(0);
      expect(r.stdout).toContain(`Usage: cranelab ${command}`);
    }
  });
});
