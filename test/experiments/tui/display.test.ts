import { describe, expect, it } from 'vitest';
import { applyFilter, parseFilter } from '../../../experiments/tui/filter.js';
import { computeLayout, focusCycle, visibleRows } from '../../../experiments/tui/layout.js';
import { cellState, layoutGrid, legendLines } from '../../../experiments/tui/node-grid.js';
import { compressNodeList } from '../../../experiments/tui/node-list.js';
import { faster, formatSpeed, parseSpeed, slower } from '../../../experiments/tui/speed.js';
import { cell, fitColumns, windowStart, type Column } from '../../../experiments/tui/table.js';
import { shortDuration, slurmDuration, TimeFormatter } from '../../../experiments/tui/time-format.js';
import type { NodeState, QueueSnapshot } from '../../../experiments/tui/view-model.js';

describe('speed', () => {
  it('parses factors, rates and max, and refuses less than real time', () => {
    expect(parseSpeed('600')).toEqual({ ok: true, value: 600 });
    expect(parseSpeed('30x')).toEqual({ ok: true, value: 30 });
    expect(parseSpeed('2h/s')).toEqual({ ok: true, value: 7200 });
    expect(parseSpeed('1d/s')).toEqual({ ok: true, value: 86400 });
    expect(parseSpeed('MAX')).toEqual({ ok: true, value: Infinity });
    expect(parseSpeed('0.5').ok).toBe(false);
    expect(parseSpeed('fast').ok).toBe(false);
  });

  it('formats speeds in the largest whole unit', () => {
    expect([1, 30, 60, 90, 3600, 7200, 86400, 604800, Infinity].map(formatSpeed)).toEqual(['1x', '30x', '1m/s', '90x', '1h/s', '2h/s', '1d/s', '7d/s', 'max']);
  });

  it('steps from an off-ladder speed to the neighbouring ladder steps', () => {
    expect(faster(100)).toBe(120);
    expect(slower(100)).toBe(60);
  });
});

describe('filter', () => {
  const jobs = [
    { user: 'alice', account: 'physics', partition: 'cpu' },
    { user: 'bob', account: 'chem', partition: 'gpu' },
    { user: 'albert', account: 'physics', partition: 'gpu' },
  ];
  const users = (text: string): string[] => {
    const f = parseFilter(text);
    if (!f.ok) throw new Error(f.message);
    return applyFilter(f.value, jobs).map((j) => j.user);
  };

  it('matches a field exactly, any field for a bare name, prefixes with *, all terms together', () => {
    expect(users('user=alice')).toEqual(['alice']);
    expect(users('gpu')).toEqual(['bob', 'albert']);
    expect(users('u=al*')).toEqual(['alice', 'albert']);
    expect(users('account=physics partition=gpu')).toEqual(['albert']);
    expect(users('USER=Bob')).toEqual(['bob']);
    expect(users('  ')).toEqual(['alice', 'bob', 'albert']);
  });

  it('names the bad term', () => {
    expect(parseFilter('group=x')).toEqual({ ok: false, message: "unknown field 'group' in 'group=x': use user=, account= or partition=" });
    expect(parseFilter('user=').ok).toBe(false);
  });
});

describe('host lists', () => {
  it('compresses numbered names into ranges per prefix', () => {
    expect(compressNodeList(['n0', 'n1', 'n2', 'n5', 'n7', 'n8'])).toBe('n[0-2,5,7-8]');
    expect(compressNodeList(['gpu3', 'n4', 'gpu1', 'login'])).toBe('gpu[1,3],n4,login');
    expect(compressNodeList(['cn01', 'cn02'])).toBe('cn01,cn02');
    expect(compressNodeList([])).toBe('');
  });
});

describe('node grid', () => {
  const snap = (states: readonly NodeState[], parts: readonly (readonly [string, readonly number[]])[]): QueueSnapshot => ({
    now: 0,
    nodes: states.map((state, i) => ({ name: `n${i}`, state, partitions: [], cpuUsedMilli: 0, cpuTotalMilli: 1000 })),
    partitions: parts.map(([name, nodes]) => ({ name, nodes })),
    pending: [],
    running: [],
    reservations: [],
    progress: { finished: 0, rejected: 0, total: null, events: 0 },
  });

  it('shows a group of nodes as their common state, mixed when partly in use, else what needs attention', () => {
    expect(cellState(['allocated', 'allocated'])).toBe('allocated');
    expect(cellState(['allocated', 'idle'])).toBe('mixed');
    expect(cellState(['down', 'allocated'])).toBe('mixed');
    expect(cellState(['idle', 'drained', 'down'])).toBe('down');
    expect(cellState(['idle', 'reserved'])).toBe('reserved');
  });

  it('gives every node a cell when they fit, one block per partition', () => {
    const states: NodeState[] = ['allocated', 'allocated', 'idle', 'down', 'idle', 'drained'];
    const g = layoutGrid(snap(states, [['cpu', [0, 1, 2, 3]], ['gpu', [4, 5]]]), 3, 10);
    expect(g.perCell).toBe(1);
    expect(g.lines).toEqual([
      { kind: 'header', text: 'cpu 4: idle 1 alloc 2 down 1' },
      { kind: 'cells', cells: ['allocated', 'allocated', 'idle'] },
      { kind: 'cells', cells: ['down'] },
      { kind: 'header', text: 'gpu 2: idle 1 alloc 0 drain 1' },
      { kind: 'cells', cells: ['idle', 'drained'] },
    ]);
  });

  it('groups nodes into cells when there are more nodes than room', () => {
    const states: NodeState[] = Array.from({ length: 100 }, (_, i) => (i < 50 ? 'allocated' : 'idle'));
    const g = layoutGrid(snap(states, [['all', states.map((_, i) => i)]]), 10, 3); // header + 2 lines of 10 cells
    expect(g.perCell).toBe(5);
    expect(g.lines).toHaveLength(3);
    expect(legendLines(g.perCell, 200).join('')).toContain('1 cell = 5 nodes');
    expect(legendLines(1, 20).every((l) => l.length <= 20)).toBe(true);
  });
});

describe('tables', () => {
  type R = { a: string };
  const cols: Column<R, null>[] = [
    { title: 'ID', width: 4, keep: 0, value: (r) => r.a },
    { title: 'WIDE', width: 10, keep: 2, value: () => 'w' },
    { title: 'LIST', width: 5, keep: 1, flex: true, value: () => 'x' },
  ];

  it('drops the lowest-kept columns first, keeps display order, and lets the flex column take the rest', () => {
    expect(fitColumns(cols, 30).map((f) => [f.column.title, f.width])).toEqual([['ID', 4], ['WIDE', 10], ['LIST', 14]]);
    expect(fitColumns(cols, 12).map((f) => [f.column.title, f.width])).toEqual([['ID', 4], ['LIST', 7]]);
    expect(fitColumns(cols, 4).map((f) => f.column.title)).toEqual(['ID']);
  });

  it('cuts visibly and pads exactly', () => {
    expect(cell('abcdef', 4)).toBe('abc~');
    expect(cell('ab', 4, 'right')).toBe('  ab');
  });

  it('keeps the selection in view, centred when it can be', () => {
    expect(windowStart(0, 100, 10)).toBe(0);
    expect(windowStart(50, 100, 10)).toBe(45);
    expect(windowStart(99, 100, 10)).toBe(90);
    expect(windowStart(3, 5, 10)).toBe(0);
  });
});

describe('layout', () => {
  it('is wide from 100x24, compact below, and refuses tiny terminals', () => {
    expect(computeLayout(120, 40).kind).toBe('wide');
    expect(computeLayout(99, 40).kind).toBe('compact');
    expect(computeLayout(120, 23).kind).toBe('compact');
    expect(computeLayout(39, 40).kind).toBe('too-small');
  });

  it('fills the height but one line, and the panes tile it', () => {
    const l = computeLayout(120, 40);
    if (l.kind !== 'wide') throw new Error('expected wide');
    expect(l.height).toBe(39);
    expect(2 + l.nodes.height + l.pending.height + l.log.height + 1).toBe(39);
    expect(l.nodes.width + l.running.width).toBe(120);
    expect(visibleRows(l, 'pending')).toBe(l.pending.height - 4); // borders, header, detail line
    expect(focusCycle(l)).toEqual(['pending', 'running', 'log']);
    const c = computeLayout(80, 30);
    if (c.kind !== 'compact') throw new Error('expected compact');
    expect(c.body).toEqual({ width: 80, height: 29 - 4 });
    expect(focusCycle(c)).toContain('nodes');
  });
});

describe('times', () => {
  it('formats durations as Slurm does and briefly', () => {
    expect(slurmDuration(3_723_000)).toBe('01:02:03');
    expect(slurmDuration(90_000_000)).toBe('1-01:00:00');
    expect(slurmDuration(NaN)).toBe('-');
    expect([45_000, 720_000, 12_000_000, 190_000_000].map(shortDuration)).toEqual(['45s', '12m', '3h20m', '2d4h']);
  });

  it('shows dates in the trace time zone, or trace days without a Unix start', () => {
    const kth = new TimeFormatter({ unixStart: 843480031, timeZone: 'Europe/Stockholm' });
    expect(kth.dateTime(0)).toBe('1996-09-23 14:00:31');
    expect(kth.zoneLabel).toBe('GMT+2');
    expect(kth.short(86_400_000)).toBe('09-24 14:00');
    expect(kth.stamp(-Infinity)).toBe('--');
    const bad = new TimeFormatter({ unixStart: 0, timeZone: 'Not/AZone' });
    expect(bad.dateTime(0)).toBe('1970-01-01 00:00:00');
    const rel = new TimeFormatter({ unixStart: null, timeZone: null });
    expect(rel.dateTime(2 * 86_400_000 + 3_723_000)).toBe('d2 01:02:03');
    expect(rel.short(null)).toBe('-');
  });
});
