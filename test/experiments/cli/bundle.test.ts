import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cranelab } from '../../support/cli.js';
import { repoRoot, shared } from '../../support/shared.js';
import { kthSlice, writeExperiment } from '../experiment/fixtures.js';

const out = mkdtempSync(join(tmpdir(), 'cranelab-bundle-'));
const sdsc = shared('traces', 'swf', 'SDSC-SP2-1998-4-raw-first4961.swf');
const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { bin: { cranelab: string } };

/** The package's `cranelab` bin: the bundle tools/bundle.mjs makes of tsc's output (npm test builds both). */
function bin(args: readonly string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(repoRoot, pkg.bin.cranelab), ...args], { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('the bundled cranelab bin', () => {
  it('replays with the same bytes as the compiled modules', () => {
    expect(bin(['replay', sdsc, '--policy', 'easy', '--out', join(out, 'bundle'), '--quiet']).status).toBe(0);
    expect(cranelab(['replay', sdsc, '--policy', 'easy', '--out', join(out, 'modules'), '--quiet']).status).toBe(0);
    for (const f of ['jobs.csv', 'summary.json', 'schedule.swf']) {
      expect(readFileSync(join(out, 'bundle', f)).equals(readFileSync(join(out, 'modules', f)))).toBe(true);
    }
  });

  it('replays a scenario and runs an experiment with the same bytes as the compiled modules (yaml and d3 are bundled)', () => {
    const gpu = join(repoRoot, 'traces', 'scenarios', 'gpu-cluster', 'scenario.yaml');
    expect(bin(['replay', '--scenario', gpu, '--out', join(out, 'gpu-bundle'), '--quiet']).status).toBe(0);
    expect(cranelab(['replay', '--scenario', gpu, '--out', join(out, 'gpu-modules'), '--quiet']).status).toBe(0);
    for (const f of ['jobs.csv', 'summary.json', 'schedule.swf']) {
      expect(readFileSync(join(out, 'gpu-bundle', f)).equals(readFileSync(join(out, 'gpu-modules', f)))).toBe(true);
    }
    kthSlice(out, 300);
    const experiment = writeExperiment(out, 'name: bundle-check\ntraces: [kth-slice.swf]\nprofiles: [easy, cranesched]\nseeds: 2\n');
    // (one worker thread: the bundled run worker)
    expect(bin(['experiment', experiment, '--out', join(out, 'exp-bundle'), '--workers', '1']).status).toBe(0);
    expect(cranelab(['experiment', experiment, '--out', join(out, 'exp-modules'), '--workers', '0']).status).toBe(0);
    // summary.csv from the bundled yaml's reading of the file, the report's charts from the bundled d3
    for (const f of ['summary.csv', 'summary-ci.csv', 'report.html']) {
      expect(readFileSync(join(out, 'exp-bundle', f), 'utf8')).toBe(readFileSync(join(out, 'exp-modules', f), 'utf8'));
    }
    expect(readFileSync(join(out, 'exp-bundle', 'report.html'), 'utf8')).toContain('<figure id="wait-cdf');
    // the Pods experiment's generated workload comes from the bundled seedrandom
    expect(bin(['pods', '--jobs', '6', '--out', join(out, 'pods-bundle')]).status).toBe(0);
    expect(cranelab(['pods', '--jobs', '6', '--out', join(out, 'pods-modules')]).status).toBe(0);
    expect(readFileSync(join(out, 'pods-bundle', 'comparison.json'), 'utf8')).toBe(readFileSync(join(out, 'pods-modules', 'comparison.json'), 'utf8'));
  });

  it("reports bad YAML as the compiled modules do (the bundle has yaml's ES module build)", () => {
    // A YAML syntax error, and a field of the wrong type: each named with its file and line.
    const kthScenario = join(repoRoot, 'traces', 'scenarios', 'kth-sp2');
    const cases = {
      'syntax.yaml': 'name: broken\ncluster: [unclosed\n',
      'field.yaml': `name: bad-field\ncluster: ${kthScenario}/cluster.yaml\naccounts: ${kthScenario}/accounts.yaml\nworkload:\n  format: tar\n  file: x.swf\n`,
    };
    for (const [name, text] of Object.entries(cases)) {
      const file = join(out, name);
      writeFileSync(file, text);
      const bundled = bin(['replay', '--scenario', file, '--out', join(out, `bad-${name}-bundle`), '--quiet']);
      const modules = cranelab(['replay', '--scenario', file, '--out', join(out, `bad-${name}-modules`), '--quiet']);
      expect(bundled.status).not.toBe(0);
      expect(bundled.status).toBe(modules.status);
      expect(bundled.stderr).toContain(`${name}:`);
      expect(bundled.stderr).toBe(modules.stderr);
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
