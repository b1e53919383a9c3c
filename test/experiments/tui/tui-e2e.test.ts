import { execFileSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliPath } from '../../support/cli.js';
import { repoRoot } from '../../support/shared.js';

// Drives the compiled program in a real terminal: tmux runs `cranelab tui` in a detached pane; the
// test types keys with send-keys and reads the screen with capture-pane. Nothing waits a fixed
// time: every check polls the pane a bounded number of times. CI must install tmux (apt: tmux).

const server = `cranelab-tui-e2e-${process.pid}`; // a private tmux server: nothing else is touched
const trace = join(repoRoot, 'traces', 'data', 'KTH-SP2-1996-2.swf.gz');
const POLLS = 150;
const POLL_MS = 100;

const tmux = (...args: string[]): string =>
  execFileSync('tmux', ['-L', server, '-f', '/dev/null', '-u', ...args], { encoding: 'utf8', env: { ...process.env, LC_ALL: 'C.UTF-8' } });
const pane = (): string => tmux('capture-pane', '-p', '-t', 'tui');
const paneFlag = (flag: string): string => tmux('display-message', '-p', '-t', 'tui', `#{${flag}}`).trim();
const keys = (...k: string[]): void => void tmux('send-keys', '-t', 'tui', ...k);
const type = (text: string): void => void tmux('send-keys', '-t', 'tui', '-l', text);
const pause = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Polls the pane until `test` holds; fails with the last screen after POLLS tries. */
async function waitFor(what: string, test: (screen: string) => boolean): Promise<string> {
  let screen = '';
  for (let i = 0; i < POLLS; i++) {
    screen = pane();
    if (test(screen)) return screen;
    await pause(POLL_MS);
  }
  throw new Error(`tmux pane never showed ${what}; last screen:\n${screen}`);
}

const simulatedDate = (screen: string): string => /\d{4}-\d\d-\d\d \d\d:\d\d:\d\d/.exec(screen)?.[0] ?? '';

describe('cranelab tui in a terminal (tmux)', () => {
  beforeAll(() => {
    try {
      execFileSync('tmux', ['-V']);
    } catch {
      throw new Error('tmux is not installed: the TUI end-to-end test needs it (apt-get install -y tmux)');
    }
    if (!existsSync(cliPath) || !existsSync(join(repoRoot, 'dist', 'experiments', 'tui', 'app.js'))) {
      throw new Error(`${cliPath} or the compiled TUI is missing: run 'npm run build' (npm test does it)`);
    }
    // After the TUI exits, the shell prints its exit code and whether the terminal is back in
    // canonical (cooked) mode, then stays so that the pane can still be read.
    const script = [
      'printf "BEFORE-TUI\\n"',
      `env -u CI -u CONTINUOUS_INTEGRATION ${JSON.stringify(process.execPath)} ${JSON.stringify(cliPath)} tui ${JSON.stringify(trace)} --policy easy --speed 1h/s --paused`,
      'code=$?',
      'stty -a | grep -q -- " icanon" && mode=cooked || mode=raw',
      'printf "TUI-EXIT=%s TTY=%s\\n" "$code" "$mode"',
      'exec sleep 600',
    ].join('; ');
    tmux('new-session', '-d', '-s', 'tui', '-x', '120', '-y', '40', 'sh', '-c', script);
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

  it('starts paused on the alternate screen at the trace start', async () => {
    const screen = await waitFor('the status bar', (s) => s.includes('PAUSED 1h/s'));
    expect(screen).toContain('CraneLab  KTH-SP2-1996-2.swf.gz easy 100p');
    expect(simulatedDate(screen)).toBe('1996-09-23 14:00:31');
    expect(paneFlag('alternate_on')).toBe('1');
  });

  it('n processes one event at a time', async () => {
    // KTH: job 1 (user 1) runs alone and ends; job 2 (user 2, 80 nodes) starts; job 3 (user 2, 84
    // nodes) and job 4 (user 3, 80 nodes) wait for it.
    keys('n');
    await waitFor('job 1 submitted', (s) => s.includes('submit  job 1 user 1: 56 nodes'));
    // Events: job 1's submission (it starts at once), its end, job 2's submission (it starts at
    // once), job 3's, job 4's.
    for (let i = 0; i < 4; i++) keys('n');
    const screen = await waitFor('job 4 submitted', (s) => s.includes('submit  job 4 user 3: 80 nodes'));
    expect(screen).toContain('running 1  pending 2');
    expect(screen).toContain('end     job 1 Completed after 1d3h');
  });

  it('filters the queue by user', async () => {
    keys('/');
    type('user=3');
    keys('Enter');
    let screen = await waitFor('the filter in force', (s) => s.includes('filter: user=3'));
    expect(screen).toContain('pending 1 of 2');
    expect(screen).toMatch(/[│║][ >]4 +3 /); // job 4, user 3
    expect(screen).not.toMatch(/[│║][ >]3 +2 /); // job 3 (user 2) is filtered out
    keys('Escape');
    screen = await waitFor('the filter cleared', (s) => !s.includes('filter: user=3') && /pending 2 ═/.test(s));
    expect(screen).toMatch(/[│║][ >]3 +2 /);
  });

  it('changes speed with + and -', async () => {
    keys('+');
    await waitFor('2h/s', (s) => s.includes('PAUSED 2h/s'));
    keys('-', '-');
    await waitFor('30m/s', (s) => s.includes('PAUSED 30m/s'));
  });

  it('resumes and pauses with space', async () => {
    const before = simulatedDate(pane());
    keys('Space');
    await waitFor('playing', (s) => s.includes('PLAYING 30m/s'));
    await waitFor('simulated time moving', (s) => simulatedDate(s) > before);
    keys('Space');
    const paused = await waitFor('paused again', (s) => s.includes('PAUSED 30m/s'));
    // Paused, the clock holds still however often we look.
    const at = simulatedDate(paused);
    for (let i = 0; i < 5; i++) {
      await pause(POLL_MS);
      expect(simulatedDate(pane())).toBe(at);
    }
  });

  it('re-lays the panes when the terminal is resized', async () => {
    tmux('resize-window', '-t', 'tui', '-x', '80', '-y', '30');
    const screen = await waitFor('the compact layout', (s) => / pending \d+  running \d+  events  nodes \d+\/100/.test(s));
    expect(screen.split('\n').every((l) => l.length <= 80)).toBe(true);
    tmux('resize-window', '-t', 'tui', '-x', '120', '-y', '40');
    await waitFor('the wide layout', (s) => s.includes('─ nodes ─'));
  });

  it('quits with q and gives the terminal back as it was', async () => {
    keys('q');
    const screen = await waitFor('the shell after the TUI', (s) => s.includes('TUI-EXIT='));
    expect(screen).toContain('BEFORE-TUI');
    expect(screen).toContain('TUI-EXIT=0 TTY=cooked');
    expect(screen).not.toContain('CraneLab');
    expect(paneFlag('alternate_on')).toBe('0');
    expect(paneFlag('cursor_flag')).toBe('1');
  });
});
