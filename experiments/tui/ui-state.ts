/**
 * The screen's own state and its pure transition function. Side effects (stepping the source,
 * quitting the process) are the controller's; this module only says what the screen is in.
 */
import { assertNever } from '../../core/index.js';
import { MATCH_ALL, parseFilter, type Filter } from './filter.js';
import { faster, slower, type Speed } from './speed.js';

export type PaneId = 'pending' | 'running' | 'log' | 'nodes';

/** Focus order with `tab` when every pane can take focus (the compact layout). */
export const ALL_PANES: readonly PaneId[] = ['pending', 'running', 'log', 'nodes'];

export type PaneCounts = Readonly<Record<PaneId, number>>;

export interface UiState {
  readonly paused: boolean;
  readonly speed: Speed;
  readonly focus: PaneId;
  /** Selected line per pane (for `nodes`: the first grid line shown). */
  readonly selected: Readonly<Record<PaneId, number>>;
  readonly filter: Filter;
  /** Text being typed after `/`, or null when not typing a filter. */
  readonly draft: string | null;
  /** Why the last filter text was refused; shown until the next filter action. */
  readonly filterError: string | null;
  readonly help: boolean;
  readonly quit: boolean;
}

export type UiAction =
  | { readonly type: 'toggle-pause' }
  | { readonly type: 'faster' }
  | { readonly type: 'slower' }
  /** Pauses; the controller then processes exactly one event. */
  | { readonly type: 'next-event' }
  | { readonly type: 'focus-next'; readonly cycle: readonly PaneId[] }
  | { readonly type: 'focus-prev'; readonly cycle: readonly PaneId[] }
  /** Moves the focused pane's selection by `delta` lines (negative: up). */
  | { readonly type: 'scroll'; readonly delta: number }
  | { readonly type: 'scroll-to'; readonly where: 'top' | 'bottom' }
  | { readonly type: 'filter-start' }
  | { readonly type: 'filter-input'; readonly text: string }
  | { readonly type: 'filter-backspace' }
  | { readonly type: 'filter-commit' }
  | { readonly type: 'filter-cancel' }
  | { readonly type: 'filter-clear' }
  | { readonly type: 'toggle-help' }
  | { readonly type: 'close-help' }
  /** `by` new entries arrived on top of the log (newest first): keep the selection on its entry. */
  | { readonly type: 'log-grew'; readonly by: number }
  | { readonly type: 'quit' };

export function initialUiState(options: { readonly speed: Speed; readonly paused?: boolean }): UiState {
  return {
    paused: options.paused === true,
    speed: options.speed,
    focus: 'pending',
    selected: { pending: 0, running: 0, log: 0, nodes: 0 },
    filter: MATCH_ALL,
    draft: null,
    filterError: null,
    help: false,
    quit: false,
  };
}

const clamp = (n: number, count: number): number => Math.max(0, Math.min(n, count - 1));

/**
 * The next state. `counts` are the current number of lines in each pane (after the filter), so
 * that selections stay inside their lists.
 */
export function reduce(s: UiState, a: UiAction, counts: PaneCounts): UiState {
  switch (a.type) {
    case 'toggle-pause':
      return { ...s, paused: !s.paused };
    case 'faster':
      return { ...s, speed: faster(s.speed) };
    case 'slower':
      return { ...s, speed: slower(s.speed) };
    case 'next-event':
      return s.paused ? s : { ...s, paused: true };
    case 'focus-next':
    case 'focus-prev': {
      if (a.cycle.length === 0) return s;
      const at = a.cycle.indexOf(s.focus);
      const step = a.type === 'focus-next' ? 1 : -1;
      const next = at < 0 ? a.cycle[0]! : a.cycle[(at + step + a.cycle.length) % a.cycle.length]!;
      return { ...s, focus: next };
    }
    case 'scroll':
      return select(s, clamp(s.selected[s.focus] + a.delta, counts[s.focus]));
    case 'scroll-to':
      return select(s, a.where === 'top' ? 0 : clamp(Infinity, counts[s.focus]));
    case 'filter-start':
      return { ...s, draft: s.filter.text, filterError: null };
    case 'filter-input':
      return s.draft === null ? s : { ...s, draft: s.draft + a.text };
    case 'filter-backspace':
      return s.draft === null ? s : { ...s, draft: s.draft.slice(0, -1) };
    case 'filter-commit': {
      if (s.draft === null) return s;
      const parsed = parseFilter(s.draft);
      if (!parsed.ok) return { ...s, filterError: parsed.message };
      return { ...s, draft: null, filter: parsed.value, filterError: null, selected: { ...s.selected, pending: 0, running: 0, log: 0 } };
    }
    case 'filter-cancel':
      return { ...s, draft: null, filterError: null };
    case 'filter-clear':
      return s.filter.terms.length === 0 ? s : { ...s, filter: MATCH_ALL, filterError: null, selected: { ...s.selected, pending: 0, running: 0, log: 0 } };
    case 'toggle-help':
      return { ...s, help: !s.help };
    case 'close-help':
      return s.help ? { ...s, help: false } : s;
    case 'log-grew': {
      const at = s.selected.log;
      return at === 0 || a.by <= 0 ? s : { ...s, selected: { ...s.selected, log: clamp(at + a.by, counts.log) } };
    }
    case 'quit':
      return { ...s, quit: true };
    default:
      return assertNever(a, 'ui action');
  }
}

function select(s: UiState, n: number): UiState {
  return s.selected[s.focus] === n ? s : { ...s, selected: { ...s.selected, [s.focus]: n } };
}
