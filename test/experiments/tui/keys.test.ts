import type { Key } from 'ink';
import { describe, expect, it } from 'vitest';
import { keyToAction, splitInput, type KeyContext } from '../../../experiments/tui/keys.js';
import { initialUiState, type UiState } from '../../../experiments/tui/ui-state.js';

const none: Key = {
  upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false,
  home: false, end: false, return: false, escape: false, ctrl: false, shift: false, tab: false,
  backspace: false, delete: false, meta: false, super: false, hyper: false, capsLock: false, numLock: false,
};
const k = (over: Partial<Key>): Key => ({ ...none, ...over });
const ctx: KeyContext = { page: 7, cycle: ['pending', 'running', 'log'] };
const idle = initialUiState({ speed: 60 });
const typing: UiState = { ...idle, draft: 'us' };

describe('keyToAction', () => {
  it('maps the issue keys', () => {
    expect(keyToAction(' ', none, idle, ctx)).toEqual({ type: 'toggle-pause' });
    expect(keyToAction('+', none, idle, ctx)).toEqual({ type: 'faster' });
    expect(keyToAction('=', none, idle, ctx)).toEqual({ type: 'faster' });
    expect(keyToAction('-', none, idle, ctx)).toEqual({ type: 'slower' });
    expect(keyToAction('n', none, idle, ctx)).toEqual({ type: 'next-event' });
    expect(keyToAction('', k({ tab: true }), idle, ctx)).toEqual({ type: 'focus-next', cycle: ctx.cycle });
    expect(keyToAction('', k({ tab: true, shift: true }), idle, ctx)).toEqual({ type: 'focus-prev', cycle: ctx.cycle });
    expect(keyToAction('', k({ downArrow: true }), idle, ctx)).toEqual({ type: 'scroll', delta: 1 });
    expect(keyToAction('j', none, idle, ctx)).toEqual({ type: 'scroll', delta: 1 });
    expect(keyToAction('k', none, idle, ctx)).toEqual({ type: 'scroll', delta: -1 });
    expect(keyToAction('', k({ pageDown: true }), idle, ctx)).toEqual({ type: 'scroll', delta: 7 });
    expect(keyToAction('G', k({ shift: true }), idle, ctx)).toEqual({ type: 'scroll-to', where: 'bottom' });
    expect(keyToAction('/', none, idle, ctx)).toEqual({ type: 'filter-start' });
    expect(keyToAction('?', none, idle, ctx)).toEqual({ type: 'toggle-help' });
    expect(keyToAction('q', none, idle, ctx)).toEqual({ type: 'quit' });
    expect(keyToAction('c', k({ ctrl: true }), idle, ctx)).toEqual({ type: 'quit' });
    expect(keyToAction('', k({ escape: true, meta: true }), idle, ctx)).toEqual({ type: 'filter-clear' });
    expect(keyToAction('x', none, idle, ctx)).toBeNull();
  });

  it('sends every printable key to the filter while one is typed', () => {
    expect(keyToAction('q', none, typing, ctx)).toEqual({ type: 'filter-input', text: 'q' });
    expect(keyToAction(' ', none, typing, ctx)).toEqual({ type: 'filter-input', text: ' ' });
    expect(keyToAction('', k({ return: true }), typing, ctx)).toEqual({ type: 'filter-commit' });
    expect(keyToAction('', k({ escape: true }), typing, ctx)).toEqual({ type: 'filter-cancel' });
    expect(keyToAction('', k({ backspace: true }), typing, ctx)).toEqual({ type: 'filter-backspace' });
    expect(keyToAction('', k({ delete: true }), typing, ctx)).toEqual({ type: 'filter-backspace' }); // what most terminals send for backspace
    expect(keyToAction('', k({ upArrow: true }), typing, ctx)).toBeNull();
    expect(keyToAction('c', k({ ctrl: true }), typing, ctx)).toEqual({ type: 'quit' });
  });

  it('closes help on any key but q, which quits', () => {
    const help = { ...idle, help: true };
    expect(keyToAction(' ', none, help, ctx)).toEqual({ type: 'close-help' });
    expect(keyToAction('q', none, help, ctx)).toEqual({ type: 'quit' });
  });
});

describe('splitInput', () => {
  it('splits characters that arrive together into key presses', () => {
    expect(splitInput('+', none)).toEqual([['+', none]]);
    expect(splitInput('++-', none)).toEqual([['+', none], ['+', none], ['-', none]]);
    expect(splitInput('ab\r', none)).toEqual([['a', none], ['b', none], ['', k({ return: true })]]);
    expect(splitInput('c', k({ ctrl: true }))).toEqual([['c', k({ ctrl: true })]]);
  });
});
