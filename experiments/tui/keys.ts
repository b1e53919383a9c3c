/**
 * Keys to actions. Pure: it reads what ink reports for a key press and the screen's state, and names
 * the action; it does nothing itself.
 */
import type { Key } from 'ink';
import type { PaneId, UiAction, UiState } from './ui-state.js';

export interface KeyContext {
  /** Lines one page-up/page-down moves in the focused pane. */
  readonly page: number;
  /** Panes `tab` moves between in the current layout. */
  readonly cycle: readonly PaneId[];
}

/** The key list `?` shows, in the order shown. */
export const KEY_HELP: readonly (readonly [string, string])[] = [
  ['space', 'pause / resume'],
  ['+ / -', 'faster / slower (real time ... max)'],
  ['n', 'pause and process the next event'],
  ['tab / shift-tab', 'next / previous pane'],
  ['up/down, j/k', 'move in the focused pane'],
  ['PgUp/PgDn, g/G', 'page up / down, top / bottom'],
  ['/', 'filter: user=NAME account=NAME partition=NAME, or NAME (a trailing * matches a prefix)'],
  ['esc', 'clear the filter (while typing: cancel)'],
  ['?', 'show / hide this help'],
  ['q, ctrl-c', 'quit'],
];

/**
 * ink hands over several characters at once when they arrive together (a paste, a held-down key,
 * keys sent by a script): split them into single key presses, with Enter and Tab recognised.
 */
export function splitInput(input: string, key: Key): [string, Key][] {
  if (input.length <= 1 || key.ctrl || key.meta) return [[input, key]];
  return [...input].map((ch): [string, Key] => {
    if (ch === '\r' || ch === '\n') return ['', { ...key, return: true }];
    if (ch === '\t') return ['', { ...key, tab: true }];
    return [ch, key];
  });
}

const isPrintable = (input: string): boolean => input.length > 0 && !/[\u0000-\u001f\u007f]/.test(input);

export function keyToAction(input: string, key: Key, state: UiState, ctx: KeyContext): UiAction | null {
  if (key.ctrl && input === 'c') return { type: 'quit' };
  if (state.draft !== null) {
    if (key.return) return { type: 'filter-commit' };
    if (key.escape) return { type: 'filter-cancel' };
    if (key.backspace || key.delete) return { type: 'filter-backspace' };
    if (!key.ctrl && !key.meta && isPrintable(input)) return { type: 'filter-input', text: input };
    return null;
  }
  if (state.help) {
    if (input === 'q') return { type: 'quit' };
    return { type: 'close-help' };
  }
  if (key.tab) return key.shift ? { type: 'focus-prev', cycle: ctx.cycle } : { type: 'focus-next', cycle: ctx.cycle };
  if (key.upArrow) return { type: 'scroll', delta: -1 };
  if (key.downArrow) return { type: 'scroll', delta: 1 };
  if (key.pageUp) return { type: 'scroll', delta: -Math.max(1, ctx.page) };
  if (key.pageDown) return { type: 'scroll', delta: Math.max(1, ctx.page) };
  if (key.home) return { type: 'scroll-to', where: 'top' };
  if (key.end) return { type: 'scroll-to', where: 'bottom' };
  if (key.escape) return { type: 'filter-clear' };
  switch (input) {
    case ' ':
      return { type: 'toggle-pause' };
    case '+':
    case '=':
      return { type: 'faster' };
    case '-':
    case '_':
      return { type: 'slower' };
    case 'n':
      return { type: 'next-event' };
    case 'k':
      return { type: 'scroll', delta: -1 };
    case 'j':
      return { type: 'scroll', delta: 1 };
    case 'g':
      return { type: 'scroll-to', where: 'top' };
    case 'G':
      return { type: 'scroll-to', where: 'bottom' };
    case '/':
      return { type: 'filter-start' };
    case '?':
      return { type: 'toggle-help' };
    case 'q':
      return { type: 'quit' };
    default:
      return null;
  }
}
