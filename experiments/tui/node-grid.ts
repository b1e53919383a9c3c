/**
 * The node grid, `cinfo` style: one block per partition (a header with counts by state, then cells),
 * then a legend. When the nodes do not fit the pane, each cell stands for several nodes; such a cell
 * shows their common state, `mixed` when some of them are in use and some not, or else the state
 * that most needs attention (down, then drained, then reserved).
 */
import { NODE_STATES, type NodeState, type QueueSnapshot } from './view-model.js';

/** Characters (readable without colour) and colours of the grid and its legend. */
export const NODE_GLYPH: Readonly<Record<NodeState, { readonly char: string; readonly color: string; readonly label: string }>> = {
  idle: { char: '.', color: 'green', label: 'idle' },
  mixed: { char: '+', color: 'yellow', label: 'mixed' },
  allocated: { char: '#', color: 'blue', label: 'alloc' },
  down: { char: 'x', color: 'red', label: 'down' },
  drained: { char: '~', color: 'magenta', label: 'drain' },
  reserved: { char: 'R', color: 'cyan', label: 'resv' },
};

export type GridLine =
  | { readonly kind: 'header'; readonly text: string }
  | { readonly kind: 'cells'; readonly cells: readonly NodeState[] };

export interface Grid {
  readonly lines: readonly GridLine[];
  /** Nodes per cell (1 when every node has its own cell). */
  readonly perCell: number;
}

const ATTENTION: readonly NodeState[] = ['down', 'drained', 'reserved', 'idle'];

/** The state one cell shows for a group of nodes. */
export function cellState(states: readonly NodeState[]): NodeState {
  const first = states[0] ?? 'idle';
  if (states.every((s) => s === first)) return first;
  if (states.some((s) => s === 'allocated' || s === 'mixed')) return 'mixed';
  return ATTENTION.find((a) => states.includes(a)) ?? first;
}

/** Counts by state, in legend order, leaving out zero counts except idle and allocated: `idle 3 alloc 1 down 1`. */
export function stateCounts(states: readonly NodeState[]): string {
  const count = new Map<NodeState, number>();
  for (const s of states) count.set(s, (count.get(s) ?? 0) + 1);
  return NODE_STATES.filter((s) => s === 'idle' || s === 'allocated' || (count.get(s) ?? 0) > 0)
    .map((s) => `${NODE_GLYPH[s].label} ${count.get(s) ?? 0}`)
    .join(' ');
}

/** Lays the grid out in `width` x `height` characters (the legend line excluded). */
export function layoutGrid(snapshot: QueueSnapshot, width: number, height: number): Grid {
  const w = Math.max(1, width);
  const parts = snapshot.partitions.map((p) => ({ name: p.name, states: p.nodes.map((i) => snapshot.nodes[i]?.state ?? 'idle') }));
  const linesFor = (k: number): number => parts.reduce((sum, p) => sum + 1 + Math.ceil(Math.ceil(p.states.length / k) / w), 0);
  const total = parts.reduce((n, p) => n + p.states.length, 0);
  let k = Math.max(1, Math.ceil(total / Math.max(1, w * Math.max(1, height - parts.length))));
  while (k < total && linesFor(k) > height) k++;
  const lines: GridLine[] = [];
  for (const p of parts) {
    lines.push({ kind: 'header', text: `${p.name} ${p.states.length}: ${stateCounts(p.states)}` });
    const cells: NodeState[] = [];
    for (let i = 0; i < p.states.length; i += k) cells.push(cellState(p.states.slice(i, i + k)));
    for (let i = 0; i < cells.length; i += w) lines.push({ kind: 'cells', cells: cells.slice(i, i + w) });
  }
  return { lines: lines.slice(0, Math.max(0, height)), perCell: k };
}

/** The legend (`. idle  + mixed  # alloc  x down  ~ drain  R resv`, then the cell scale), wrapped to `width`. */
export function legendLines(perCell: number, width: number): string[] {
  const items = NODE_STATES.map((s) => `${NODE_GLYPH[s].char} ${NODE_GLYPH[s].label}`);
  if (perCell > 1) items.push(`1 cell = ${perCell} nodes`);
  const lines: string[] = [];
  let line = '';
  for (const item of items) {
    if (line !== '' && line.length + 2 + item.length > width) {
      lines.push(line);
      line = item;
    } else {
      line = line === '' ? item : `${line}  ${item}`;
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}
