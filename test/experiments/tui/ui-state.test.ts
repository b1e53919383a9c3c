import { describe, expect, it } from 'vitest';
import { initialUiState, reduce, type PaneCounts, type UiAction, type UiState } from '../../../experiments/tui/ui-state.js';

const counts: PaneCounts = { pending: 5, running: 3, log: 10, nodes: 0 };
const run = (actions: readonly UiAction[], from: UiState = initialUiState({ speed: 60 }), c = counts): UiState =>
  actions.reduce((s, a) => reduce(s, a, c), from);

describe('reduce', () => {
  it('toggles pause', () => {
    expect(run([{ type: 'toggle-pause' }]).paused).toBe(true);
    expect(run([{ type: 'toggle-pause' }, { type: 'toggle-pause' }]).paused).toBe(false);
  });

  it('moves speed along the ladder and stops at real time and at max', () => {
    expect(run([{ type: 'faster' }]).speed).toBe(120);
    expect(run([{ type: 'slower' }, { type: 'slower' }]).speed).toBe(10);
    expect(run(Array.from({ length: 30 }, () => ({ type: 'slower' }) as const)).speed).toBe(1);
    expect(run(Array.from({ length: 30 }, () => ({ type: 'faster' }) as const)).speed).toBe(Infinity);
    // From max, one step down is the largest finite step (a week per second).
    expect(run([{ type: 'slower' }], initialUiState({ speed: Infinity })).speed).toBe(604800);
  });

  it('n pauses (the controller then processes one event)', () => {
    const s = run([{ type: 'next-event' }]);
    expect(s.paused).toBe(true);
    expect(reduce(s, { type: 'next-event' }, counts)).toBe(s);
  });

  it('tab cycles through the given panes, both ways, and falls back to the first', () => {
    const cycle = ['pending', 'running', 'log'] as const;
    expect(run([{ type: 'focus-next', cycle }]).focus).toBe('running');
    expect(run([{ type: 'focus-next', cycle }, { type: 'focus-next', cycle }, { type: 'focus-next', cycle }]).focus).toBe('pending');
    expect(run([{ type: 'focus-prev', cycle }]).focus).toBe('log');
    const onNodes = { ...initialUiState({ speed: 1 }), focus: 'nodes' as const };
    expect(reduce(onNodes, { type: 'focus-next', cycle }, counts).focus).toBe('pending');
  });

  it('scrolls the focused pane only, inside its list', () => {
    const s = run([{ type: 'scroll', delta: 2 }, { type: 'scroll', delta: 1 }]);
    expect(s.selected).toEqual({ pending: 3, running: 0, log: 0, nodes: 0 });
    expect(run([{ type: 'scroll', delta: 99 }]).selected.pending).toBe(4); // 5 lines: last is 4
    expect(run([{ type: 'scroll', delta: -1 }]).selected.pending).toBe(0);
    expect(run([{ type: 'scroll-to', where: 'bottom' }]).selected.pending).toBe(4);
    expect(run([{ type: 'scroll-to', where: 'bottom' }, { type: 'scroll-to', where: 'top' }]).selected.pending).toBe(0);
    const cycle = ['pending', 'running', 'log'] as const;
    const r = run([{ type: 'focus-next', cycle }, { type: 'scroll', delta: 5 }]);
    expect(r.selected).toEqual({ pending: 0, running: 2, log: 0, nodes: 0 });
    expect(run([{ type: 'scroll', delta: 3 }], undefined, { ...counts, pending: 0 }).selected.pending).toBe(0);
  });

  it('types, edits and applies a filter, resetting selections', () => {
    const typed = run([{ type: 'scroll', delta: 2 }, { type: 'filter-start' }, ...[...'user=alx'].map((c) => ({ type: 'filter-input', text: c }) as const)]);
    expect(typed.draft).toBe('user=alx');
    const fixed = run([{ type: 'filter-backspace' }, { type: 'filter-input', text: 'ice' }, { type: 'filter-commit' }], typed);
    expect(fixed.draft).toBeNull();
    expect(fixed.filter.text).toBe('user=alice');
    expect(fixed.filter.terms).toEqual([{ field: 'user', value: 'alice', prefix: false }]);
    expect(fixed.selected.pending).toBe(0);
    // Starting again edits the filter in force; cancel keeps it; esc outside typing clears it.
    expect(run([{ type: 'filter-start' }], fixed).draft).toBe('user=alice');
    expect(run([{ type: 'filter-start' }, { type: 'filter-cancel' }], fixed).filter.text).toBe('user=alice');
    expect(run([{ type: 'filter-clear' }], fixed).filter.terms).toEqual([]);
  });

  it('keeps the draft open with a message when the filter does not parse', () => {
    const s = run([{ type: 'filter-start' }, { type: 'filter-input', text: 'owner=bob' }, { type: 'filter-commit' }]);
    expect(s.draft).toBe('owner=bob');
    expect(s.filterError).toMatch(/unknown field 'owner'/);
    expect(s.filter.terms).toEqual([]);
    expect(run([{ type: 'filter-cancel' }], s).filterError).toBeNull();
  });

  it('ignores filter typing when no filter is being typed', () => {
    const s = initialUiState({ speed: 1 });
    expect(reduce(s, { type: 'filter-input', text: 'x' }, counts)).toBe(s);
    expect(reduce(s, { type: 'filter-commit' }, counts)).toBe(s);
  });

  it('keeps the log selection on its entry as new entries arrive on top', () => {
    const cycle = ['pending', 'running', 'log'] as const;
    const onLog = run([{ type: 'focus-prev', cycle }, { type: 'scroll', delta: 3 }]);
    expect(onLog.selected.log).toBe(3);
    expect(reduce(onLog, { type: 'log-grew', by: 4 }, { ...counts, log: 14 }).selected.log).toBe(7);
    // At the top (newest) it stays at the top: the view follows the news.
    const top = run([{ type: 'focus-prev', cycle }]);
    expect(reduce(top, { type: 'log-grew', by: 4 }, counts)).toBe(top);
  });

  it('help toggles and closes; quit is sticky', () => {
    expect(run([{ type: 'toggle-help' }]).help).toBe(true);
    expect(run([{ type: 'toggle-help' }, { type: 'close-help' }]).help).toBe(false);
    expect(run([{ type: 'quit' }, { type: 'toggle-pause' }]).quit).toBe(true);
  });
});
