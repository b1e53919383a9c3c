import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../../experiments/tui/app.js';
import { TuiController } from '../../../experiments/tui/controller.js';
import type { QueueSource } from '../../../experiments/tui/queue-source.js';
import { ManualClock, ManualTicker, plain, settle, sketchSource } from './support.js';

const ESC = '\u001B';
const TAB = '\t';
const ENTER = '\r';

// 4 one-CPU nodes from 1996-09-23 12:00:00 UTC. a runs 0-600 s on 3 nodes; b (2 nodes) waits for a;
// c backfills on the 4th node from 20 s to 120 s; d (alice, 1 node) waits behind b.
const JOBS = [
  { id: 'a1', submit: 0, run: 600, limit: 900, nodes: 3, user: 'alice' },
  { id: 'b1', submit: 10, run: 300, limit: 600, nodes: 2, user: 'bob' },
  { id: 'c1', submit: 20, run: 100, limit: 200, nodes: 1, user: 'carol' },
  { id: 'a2', submit: 130, run: 50, limit: 3600, nodes: 4, user: 'alice' },
];

type Rendered = ReturnType<typeof render>;

interface Harness {
  readonly r: Rendered;
  readonly clock: ManualClock;
  readonly ticker: ManualTicker;
  readonly controller: TuiController;
  /** The last frame without colours. */
  frame(): string;
  /** Types keys one by one (as a person would), letting the app settle after each. */
  keys(...keys: string[]): Promise<void>;
  /** Moves the wall clock by `ms` and fires one tick. */
  tick(ms?: number, times?: number): Promise<void>;
  resize(columns: number, rows: number): Promise<void>;
}

let mounted: Rendered | undefined;
afterEach(() => {
  mounted?.unmount();
  mounted = undefined;
});

async function mount(source: QueueSource = sketchSource(JOBS, 4), speed = 600, size: [number, number] = [120, 40]): Promise<Harness> {
  const clock = new ManualClock();
  const ticker = new ManualTicker();
  const controller = TuiController.create(source, clock.now, { speed, tickMs: 100 });
  const r = render(<App controller={controller} ticker={ticker} source={source} />);
  mounted = r;
  const h: Harness = {
    r,
    clock,
    ticker,
    controller,
    frame: () => plain(r.lastFrame()),
    keys: async (...keys) => {
      for (const k of keys) {
        r.stdin.write(k);
        await settle();
      }
    },
    tick: async (ms = 100, times = 1) => {
      for (let i = 0; i < times; i++) {
        clock.advance(ms);
        ticker.tick();
      }
      await settle();
    },
    resize: async (columns, rows) => {
      Object.defineProperty(r.stdout, 'columns', { value: columns, configurable: true });
      Object.defineProperty(r.stdout, 'rows', { value: rows, configurable: true });
      r.stdout.emit('resize');
      await settle();
    },
  };
  await settle();
  await h.resize(...size);
  return h;
}

/** The first line of the frame that contains `text` or matches it (for checking one row). */
const lineWith = (frame: string, text: string | RegExp): string =>
  frame.split('\n').find((l) => (typeof text === 'string' ? l.includes(text) : text.test(l))) ?? '';

describe('App (wide layout)', () => {
  it('shows the status bar, node grid, queues and log, and plays as the ticker fires', async () => {
    const h = await mount();
    let f = h.frame();
    expect(f).toContain('CraneLab  sketch easy');
    expect(f).toContain('1996-09-23 12:00:00 UTC');
    expect(f).toContain('PLAYING 10m/s');
    expect(f).toContain('running 0');
    expect(f).toContain('no events yet');
    expect(f).toContain('. idle  + mixed  # alloc  x down'); // the legend, wrapped to the pane
    expect(f).toContain('~ drain  R resv');

    await h.tick(); // 100 wall ms at 10 min/s: one simulated minute
    f = h.frame();
    expect(f).toContain('1996-09-23 12:01:00 UTC');
    expect(f).toContain('running 2  pending 1  util 100.0% (4/4 nodes)');
    expect(f).toContain('default 4: idle 0 alloc 4');
    expect(f).toContain('####');
    expect(lineWith(f, /[│║][ >]a1 /)).toMatch(/a1\s+alice\s+3 09-23 12:00\s+00:01:00\s+00:15:00 n\[0-2\]/);
    expect(lineWith(f, /[│║][ >]b1 /)).toMatch(/b1\s+bob\s+-\s+default\s+-\s+2\s+00:10:00\s+0 Resource\s+-\s+00:00:50/);
    expect(f).toContain('job b1: Resource, no planned start, waiting 00:00:50; priority 0');
    expect(f).toContain('09-23 12:00:20 start   job c1 on n3 after waiting 0s');
    expect(f).toContain('30 events/s'); // a1, b1 and c1 submitted (a1 and c1 start at once): 3 events in 100 wall ms
  });

  it('pauses and resumes with space', async () => {
    const h = await mount();
    await h.tick();
    await h.keys(' ');
    expect(h.frame()).toContain('PAUSED 10m/s');
    const frames = h.r.frames.length;
    await h.tick(100, 5);
    expect(h.frame()).toContain('1996-09-23 12:01:00 UTC'); // time stood still
    expect(h.r.frames.length).toBe(frames); // and nothing was redrawn
    await h.keys(' ');
    await h.tick();
    expect(h.frame()).toContain('PLAYING 10m/s');
    expect(h.frame()).toContain('1996-09-23 12:02:00 UTC');
  });

  it('changes speed with + and -, from real time up to max', async () => {
    const h = await mount(undefined, 1);
    expect(h.frame()).toContain('PLAYING 1x');
    await h.keys('-');
    expect(h.frame()).toContain('PLAYING 1x');
    await h.keys('+', '+', '+');
    expect(h.frame()).toContain('PLAYING 10x');
    await h.tick(1000);
    expect(h.frame()).toContain('1996-09-23 12:00:10 UTC');
    await h.keys('++++++++++++++++'); // arriving together, like a held-down key
    expect(h.frame()).toContain('PLAYING max');
    await h.tick();
    expect(h.frame()).toContain('DONE');
    expect(h.frame()).toContain('4/4 finished');
  });

  it('n pauses and processes exactly one event', async () => {
    const h = await mount();
    await h.keys('n');
    let f = h.frame();
    expect(f).toContain('PAUSED');
    expect(f).toContain('submit  job a1 user alice: 3 nodes, limit 00:15:00');
    expect(f).toContain('start   job a1 on n[0-2]'); // it starts at its submission: the same event
    expect(f).toContain('running 1  pending 0');
    expect(f).not.toContain('job b1');
    await h.keys('n');
    f = h.frame();
    expect(f).toContain('submit  job b1');
    expect(f).toContain('running 1  pending 1');
  });

  it('moves focus with tab and the selection with j/k and arrows', async () => {
    const h = await mount();
    await h.tick(100, 3); // 12:03: a1 running; b1 and a2 pending; c1 ended at 12:02
    let f = h.frame();
    expect(f).toContain('╔═ pending 2 ═');
    expect(f).toContain('║>b1 ');
    await h.keys('j');
    expect(h.frame()).toContain('║>a2 ');
    expect(h.frame()).toContain('║ b1 ');
    expect(h.frame()).toContain('job a2: Priority');
    await h.keys(TAB);
    f = h.frame();
    expect(f).toContain('╔═ running 1 ═');
    expect(f).toContain('┌─ pending 2 ─');
    expect(f).toContain('│ a2 '); // an unfocused pane shows no selection
    expect(f).toContain('║>a1 ');
    await h.keys(TAB);
    f = h.frame();
    expect(f).toContain('╔═ events (newest first) ═');
    expect(lineWith(f, 'submit  job a2')).toMatch(/║>09-23 12:02:10 submit/); // newest first
    await h.keys('j', `${ESC}[B`); // j and the down arrow
    expect(lineWith(h.frame(), 'start   job c1')).toMatch(/║>09-23 12:00:20 start/);
    await h.keys('k', `${ESC}[A`);
    expect(lineWith(h.frame(), 'start   job c1')).toMatch(/║ 09-23/);
    expect(lineWith(h.frame(), 'submit  job a2')).toMatch(/║>09-23/);
    await h.keys(`${ESC}[Z`); // shift-tab goes back
    expect(h.frame()).toContain('╔═ running 1 ═');
  });

  it('filters by user, account or partition with /', async () => {
    const h = await mount();
    await h.tick(100, 3); // a2 (alice) submits at 12:02:10 and waits
    let f = h.frame();
    expect(f).toContain('pending 2');
    await h.keys('/', 'u', 's', 'e', 'r', '=', 'a', 'l', 'i', 'c', 'e');
    expect(h.frame()).toContain('filter /user=alice');
    await h.keys(ENTER);
    f = h.frame();
    expect(f).toContain('filter: user=alice');
    expect(f).toContain('pending 1 of 2');
    expect(f).toContain('pending 2 (1 shown)');
    expect(lineWith(f, ' a2 ')).toContain('alice');
    expect(f).not.toMatch(/ b1 +bob/);
    expect(f).not.toContain('job c1'); // carol's events are filtered out of the log too
    expect(f).toContain('job a2');
    await h.keys(ESC);
    f = h.frame();
    expect(f).toContain('pending 2 ');
    expect(f).not.toContain('filter:');
  });

  it('refuses a bad filter with a message and keeps what was typed', async () => {
    const h = await mount();
    await h.keys('/', 'x', '=', '1', ENTER);
    const f = h.frame();
    expect(f).toContain('filter /x=1');
    expect(f).toContain("unknown field 'x'");
    await h.keys(ESC);
    expect(h.frame()).not.toContain('filter /');
  });

  it('shows the keys with ? and closes them with any key', async () => {
    const h = await mount();
    await h.keys('?');
    let f = h.frame();
    expect(f).toContain('keys (any key closes this help)');
    expect(f).toContain('pause and process the next event');
    expect(f).not.toContain('pending 0 ═');
    await h.keys('x');
    f = h.frame();
    expect(f).not.toContain('keys (any key closes');
    expect(f).toContain('pending 0 ═');
    expect(f).toContain('PLAYING'); // the key that closed help did nothing else
  });

  it('quits with q: the app unmounts and stops its ticker', async () => {
    const h = await mount();
    expect(h.ticker.running).toBe(true);
    await h.keys('q');
    expect(h.controller.getFrame().ui.quit).toBe(true);
    expect(h.ticker.running).toBe(false);
  });
});

describe('App (resizing)', () => {
  it('re-lays the panes when the terminal is resized and goes compact when narrow', async () => {
    const h = await mount();
    await h.tick();
    expect(h.frame()).toContain('┌─ nodes');
    await h.resize(80, 30);
    let f = h.frame();
    expect(f).not.toContain('┌─ nodes');
    expect(f.split('\n')[2]).toMatch(/^ pending 1  running 2  events  nodes 4\/4/);
    expect(f).toContain('run 2  pend 1  util 100%');
    expect(f.split('\n').every((l) => l.length <= 80)).toBe(true);
    await h.keys(TAB, TAB, TAB); // compact: tab reaches the node grid too
    f = h.frame();
    expect(f).toContain('default 4: idle 0 alloc 4');
    await h.resize(30, 10);
    expect(h.frame()).toContain('terminal too small:\n30x10, needs 40x12');
    await h.resize(120, 40);
    expect(h.frame()).toContain('╔═ nodes ═'); // wide again, the grid still has the focus
  });

  it('fits every frame to the terminal', async () => {
    const h = await mount(undefined, 600, [100, 24]);
    await h.tick(100, 2);
    const lines = h.frame().split('\n');
    expect(lines.length).toBeLessThanOrEqual(23);
    expect(lines.every((l) => l.length <= 100)).toBe(true);
  });
});
