/**
 * Pane geometry for a terminal size. Wide terminals get every pane at once (nodes and running side by
 * side, then pending, then the event log); narrow or short ones get the compact layout: one pane at a
 * time, chosen with tab. One line is left unused at the bottom so ink redraws in place instead of
 * clearing the screen on every frame.
 */
import { ALL_PANES, type PaneId } from './ui-state.js';

export interface Size {
  readonly width: number;
  readonly height: number;
}

export type Layout =
  | {
      readonly kind: 'wide';
      readonly columns: number;
      readonly height: number;
      readonly nodes: Size;
      readonly running: Size;
      readonly pending: Size;
      readonly log: Size;
    }
  | { readonly kind: 'compact'; readonly columns: number; readonly height: number; readonly body: Size }
  | { readonly kind: 'too-small'; readonly columns: number; readonly height: number };

export const WIDE_MIN = { columns: 100, rows: 24 } as const;
export const SMALLEST = { columns: 40, rows: 12 } as const;

/** Lines the status bar and the footer take (both layouts). */
export const STATUS_LINES = 2;
export const FOOTER_LINES = 1;

export function computeLayout(columns: number, rows: number): Layout {
  const height = Math.max(1, rows - 1);
  if (columns < SMALLEST.columns || rows < SMALLEST.rows) return { kind: 'too-small', columns, height };
  const body = height - STATUS_LINES - FOOTER_LINES;
  if (columns < WIDE_MIN.columns || rows < WIDE_MIN.rows) {
    return { kind: 'compact', columns, height, body: { width: columns, height: body - 1 } }; // - the tab bar
  }
  const top = Math.max(6, Math.floor(body * 0.35));
  const pending = Math.max(6, Math.floor(body * 0.35));
  const log = body - top - pending;
  const nodesWidth = Math.min(60, Math.max(30, Math.floor(columns * 0.35)));
  return {
    kind: 'wide',
    columns,
    height,
    nodes: { width: nodesWidth, height: top },
    running: { width: columns - nodesWidth, height: top },
    pending: { width: columns, height: pending },
    log: { width: columns, height: log },
  };
}

/** Panes `tab` visits: in the wide layout the node grid always fits, so it takes no focus. */
export function focusCycle(layout: Layout): readonly PaneId[] {
  return layout.kind === 'wide' ? ['pending', 'running', 'log'] : ALL_PANES;
}

/** The outer size of a pane, and whether it has a border. */
export function paneSize(layout: Layout, pane: PaneId): { readonly size: Size; readonly bordered: boolean } {
  switch (layout.kind) {
    case 'wide':
      return { size: layout[pane], bordered: true };
    case 'compact':
      return { size: layout.body, bordered: false };
    case 'too-small':
      return { size: { width: layout.columns, height: 0 }, bordered: false };
  }
}

/** Lines of content a pane shows at once (inside its border, below its header line). */
export function visibleRows(layout: Layout, pane: PaneId): number {
  const { size, bordered } = paneSize(layout, pane);
  const inner = size.height - (bordered ? 2 : 0);
  const header = pane === 'log' || pane === 'nodes' ? 0 : 1;
  const detail = pane === 'pending' ? 1 : 0;
  return Math.max(0, inner - header - detail);
}
