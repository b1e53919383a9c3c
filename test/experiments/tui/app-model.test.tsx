import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../../experiments/tui/app.js';
import { TuiController } from '../../../experiments/tui/controller.js';
import type { NodeRow, NodeState } from '../../../experiments/tui/view-model.js';
import { ManualClock, ManualTicker, plain, row, ScriptedSource, settle } from './support.js';

// Scripted snapshots (node states, pods and steps, priority factors), as a live source would feed
// them through the same QueueSource interface: the screen must show what it gets and '-' for what
// it does not.

let unmount: (() => void) | undefined;
afterEach(() => unmount?.());

async function show(source: ScriptedSource, columns = 120, rows = 40): Promise<{ frame: () => string; tick: () => Promise<void>; write: (s: string) => Promise<void> }> {
  const clock = new ManualClock();
  const ticker = new ManualTicker();
  const controller = TuiController.create(source, clock.now, { speed: 60, tickMs: 100 });
  const r = render(<App controller={controller} ticker={ticker} source={source} />);
  unmount = r.unmount;
  Object.defineProperty(r.stdout, 'columns', { value: columns, configurable: true });
  Object.defineProperty(r.stdout, 'rows', { value: rows, configurable: true });
  r.stdout.emit('resize');
  await settle();
  return {
    frame: () => plain(r.lastFrame()),
    tick: async () => {
      clock.advance(100);
      ticker.tick();
      await settle();
    },
    write: async (s) => {
      r.stdin.write(s);
      await settle();
    },
  };
}

const node = (i: number, state: NodeState, used = 0): NodeRow => ({ name: `cn${i}`, state, partitions: [], cpuUsedMilli: used, cpuTotalMilli: 4000 });

describe('App with fields the simulator does not produce yet', () => {
  it('colours node states by partition and counts them like cinfo', async () => {
    const source = new ScriptedSource({
      nodes: [node(0, 'allocated', 4000), node(1, 'mixed', 2000), node(2, 'down'), node(3, 'drained'), node(4, 'reserved'), node(5, 'idle')],
      partitions: [{ name: 'cpu', nodes: [0, 1, 2] }, { name: 'gpu', nodes: [3, 4, 5] }],
    });
    const f = (await show(source)).frame();
    expect(f).toContain('cpu 3: idle 0 mixed 1 alloc 1 down 1');
    expect(f).toContain('#+x');
    expect(f).toContain('gpu 3: idle 1 alloc 0 drain 1 resv 1');
    expect(f).toContain('~R.');
    expect(f).toContain('util 25.0% (2/6 nodes)');
  });

  it('shows priorities with their factors, and - where a source has none', async () => {
    const source = new ScriptedSource({
      pending: [
        row({ id: '101', user: 'ann', priority: { value: 1234.4, factors: [{ name: 'age', value: 0.5 }, { name: 'fairshare', value: 0.25 }] }, pendingReason: 'Priority', expectedStart: 7_200_000 }),
        row({ id: '102', user: 'ben', priority: null, pendingReason: 'QosJobsResourceLimit' }),
      ],
    });
    const s = await show(source);
    let f = s.frame();
    expect(f).toMatch(/>101\s+ann\s+acct\s+cpu\s+normal\s+1\s+01:00:00\s+1234 Priority\s+d0 02:00/);
    expect(f).toContain('job 101: Priority, expected start d0 02:00, waiting');
    expect(f).toContain('priority 1234 (age 0.50, fairshare 0.25)');
    expect(f).toMatch(/ 102\s+ben .* - QosJobsResourceL~ /); // cut to the column; the detail line has it whole
    await s.write('j');
    f = s.frame();
    expect(f).toContain('job 102: QosJobsResourceLimit, no planned start');
    expect(f).toContain('; priority -');
  });

  it('unfolds container jobs into their Pod and steps', async () => {
    const source = new ScriptedSource({
      running: [
        row({ id: '7', state: 'Running', startTime: 0, nodeList: 'cn[0-1]', pod: 'Running', steps: [
          { id: '0', name: 'trainer', state: 'Running', nodes: 'cn0' },
          { id: '1', name: 'sidecar', state: 'Completed', nodes: 'cn1' },
        ] }),
        row({ id: '8', state: 'Running', startTime: 0, nodeList: 'cn2' }),
      ],
    });
    const f = (await show(source)).frame();
    const lines = f.split('\n');
    const at = lines.findIndex((l) => / 7 /.test(l));
    expect(lines[at + 1]).toContain('└ pod Running');
    expect(lines[at + 2]).toContain('└ step 0 trainer Running cn0');
    expect(lines[at + 3]).toContain('└ step 1 sidecar Completed cn1');
    expect(lines[at + 4]).toMatch(/ 8 /);
    expect(f).toContain('running 2');
  });

  it('shows node and reservation events whatever the filter', async () => {
    const source = new ScriptedSource().at(1, 'node-down', 'cn3 down: not responding').at(2, 'submitted', 'job 9 by zed', 'zed').at(3, 'reservation-start', 'maint on cn[0-3]');
    const s = await show(source);
    await s.tick();
    await s.tick();
    await s.tick();
    await s.tick();
    for (const k of ['/', 'a', 'n', 'n', '\r']) await s.write(k);
    const f = s.frame();
    expect(f).toContain('filter: ann');
    expect(f).toContain('down    cn3 down: not responding');
    expect(f).toContain('resv+   maint on cn[0-3]');
    expect(f).not.toContain('job 9 by zed');
  });

  it('follows a live source: LIVE instead of a speed, time from the source', async () => {
    const source = new ScriptedSource({ running: [row({ id: '1', state: 'Running', startTime: 0 })] }, true);
    source.now = 90_000;
    const s = await show(source);
    let f = s.frame();
    expect(f).toContain('d0 00:01:30');
    expect(f).toMatch(/ LIVE$/m);
    expect(f).toContain('0 finished');
    source.now = 95_000;
    await s.tick();
    f = s.frame();
    expect(f).toContain('d0 00:01:35');
    await s.write(' ');
    expect(s.frame()).toContain('LIVE (frozen)');
  });
});
