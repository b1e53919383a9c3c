import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cranelab } from '../../support/cli.js';
import { repoRoot } from '../../support/shared.js';

const trace = join(repoRoot, 'traces', 'data', 'KTH-SP2-1996-2.swf.gz');

// The command line around the screen (the screen itself: app*.test.tsx and tui-e2e.test.ts).
describe('cranelab tui (command line)', () => {
  it('prints its usage', () => {
    const r = cranelab(['tui', '--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Usage: cranelab tui <trace.swf[.gz] | scenario.yaml | workload.jsonl> [options]');
    expect(r.stdout).toContain('--speed X');
    expect(cranelab(['help']).stdout).toContain('cranelab tui <trace.swf[.gz] | scenario.yaml>');
  });

  it('refuses a bad command line with exit 2', () => {
    const cases: [string[], string][] = [
      [['tui'], 'tui: missing the trace file'],
      [['tui', trace, '--policy', 'sjf'], "tui: unknown policy 'sjf'"],
      [['tui', trace, '--speed', '0.5'], "--speed must be at least 1 (real time); got '0.5'"],
      [['tui', trace, '--speed', 'fast'], '--speed must be max, a factor like 600, or a rate like 1h/s'],
      [['tui', trace, '--procs', '0'], "--procs must be a positive integer, got '0'"],
    ];
    for (const [args, message] of cases) {
      const r = cranelab(args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr).toContain(message);
    }
  });

  it('says it needs a terminal when its output is piped', () => {
    const r = cranelab(['tui', trace]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('tui needs a terminal');
    expect(r.stdout).toBe('');
  });
});
