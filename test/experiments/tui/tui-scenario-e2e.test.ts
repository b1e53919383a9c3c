import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliPath } from '../../support/cli.js';
import { repoRoot } from '../../support/shared.js';

// `cranelab tui <scenario.yaml>` in a real terminal (tmux), as tui-e2e.test.ts does for a trace:
// the bundled GPU-cluster scenario shows its two partitions and its users and accounts.

const server = `cranelab-tui-scenario-${process.pid}`;
const scenario = join(repoRoot, 'traces', 'scenarios', 'gpu-cluster', 'scenario.yaml');
const tmux = (...args: string[]): string =>
  execFileSync('tmux', ['-L', server, '-f', '/dev/null', '-u', ...args], { encoding: 'utf8', env: { ...process.env, LC_ALL: 'C.UTF-8' } });
const pane = (): string => tmux('capture-pane', '-p', '-t', 'scn');
const pause = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function waitFor(what: string, test: (screen: string) => boolean): Promise<string> {
  let screen = '';
  for (let i = 0; i < 150; i++) {
    screen = pane();
    if (test(screen)) return screen;
    await pause(100);
  }
  throw new Error(`tmux pane never showed ${what}; last screen:\n${screen}`);
}

describe('cranelab tui on a scenario (tmux)', () => {
  beforeAll(() => {
    const script = [
      `env -u CI ${JSON.stringify(process.execPath)} ${JSON.stringify(cliPath)} tui ${JSON.stringify(scenario)} --ignore-unsupported-events --speed 10m/s --paused`,
      'printf "TUI-EXIT=%s\\n" "$?"',
      'exec sleep 600',
    ].join('; ');
    tmux('new-session', '-d', '-s', 'scn', '-x', '120', '-y', '40', 'sh', '-c', script);
  });

  afterAll(() => {
    try {
      const socket = tmux('display-message', '-p', '#{socket_path}').trim();
      tmux('kill-server');
      rmSync(socket, { force: true });
    } catch {
      // already gone
    }
  });

  it('shows the scenario, its profile and both partitions, and runs it to the end', async () => {
    const first = await waitFor('the status bar', (s) => s.includes('gpu-cluster cranesched 20n') && s.includes('PAUSED'));
    expect(first).toMatch(/CPU 16: idle 16/);
    expect(first).toMatch(/GPU 4: idle 4/);
    tmux('send-keys', '-t', 'scn', '+', '+', '+', '+', '+', '+', ' ');
    const done = await waitFor('the end of the replay', (s) => s.includes('DONE'));
    expect(done).toMatch(/\d+\/63 finished/);
    tmux('send-keys', '-t', 'scn', 'q');
    await waitFor('a clean exit', (s) => s.includes('TUI-EXIT=0'));
  });
});
