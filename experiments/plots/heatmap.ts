import { scaleLinear } from 'd3';
import { heading, xAxis, yAxis, type PlotBox } from './axes.js';
import { fmt } from './format.js';
import { heatColor } from './palette.js';
import { el, svgDocument, text } from './svg.js';

export interface HeatmapSpec {
  readonly id: string;
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  /** values[row][col] in 0..1. Row 0 is drawn at the bottom. */
  readonly values: readonly (readonly number[])[];
  /** x of column 0's left edge and the width of a column, in x units. */
  readonly xStart: number;
  readonly xStep: number;
  /** y range the rows span (e.g. node indices 0..nodes). */
  readonly yExtent: readonly [number, number];
  readonly width?: number;
  readonly height?: number;
}

/** Color levels: cells are quantized so each level is one `<path>` (small SVG). */
export const HEAT_LEVELS = 10;

/**
 * A heatmap of 0..1 values. Cells of equal level that touch along a row are merged into one
 * rectangle, and all rectangles of a level form one path; empty cells (0) are not drawn.
 */
export function heatmap(spec: HeatmapSpec): string {
  const width = spec.width ?? 640;
  const height = spec.height ?? 300;
  const box: PlotBox = { left: 64, top: 44, width: width - 64 - 60, height: height - 44 - 48 };
  const rows = spec.values.length;
  const cols = rows === 0 ? 0 : spec.values[0]!.length;
  const x = scaleLinear().domain([spec.xStart, spec.xStart + Math.max(cols, 1) * spec.xStep]).range([box.left, box.left + box.width]);
  const y = scaleLinear().domain([spec.yExtent[0], spec.yExtent[1]]).range([box.top + box.height, box.top]);
  // Cell edges snap to whole pixels, so neighbouring cells share an edge exactly (no seams).
  const rowEdge = (r: number): number => Math.round(box.top + box.height - (r * box.height) / Math.max(rows, 1));
  const colEdge = (c: number): number => Math.round(x(spec.xStart + c * spec.xStep));
  const paths: string[] = Array.from({ length: HEAT_LEVELS + 1 }, () => '');
  for (let r = 0; r < rows; r++) {
    const row = spec.values[r]!;
    const top = rowEdge(r + 1);
    const height = rowEdge(r) - top;
    for (let c = 0; c < cols; ) {
      const level = levelOf(row[c]!);
      let end = c + 1;
      while (end < cols && levelOf(row[end]!) === level) end++;
      if (level > 0 && height > 0) {
        const x0 = colEdge(c);
        const w = colEdge(end) - x0;
        if (w > 0) paths[level] += `M${x0},${top}h${w}v${height}h${-w}z`;
      }
      c = end;
    }
  }
  let body = heading(spec.title, box.left);
  body += el('rect', { x: box.left, y: box.top, width: box.width, height: box.height, fill: heatColor(0) });
  // Axes first: the cells then cover the grid lines.
  body += xAxis(box, { scale: x, ticks: x.ticks(8), format: (v) => fmt(v), label: spec.xLabel });
  body += yAxis(box, { scale: y, ticks: y.ticks(5), format: (v) => fmt(v, 0), label: spec.yLabel });
  let cells = '';
  for (let level = 1; level <= HEAT_LEVELS; level++) {
    if (paths[level] !== '') cells += el('path', { d: paths[level]!, fill: heatColor(level / HEAT_LEVELS), class: 'cells', 'data-level': level });
  }
  body += el('g', { class: 'plot', 'shape-rendering': 'crispEdges' }, cells);
  body += colorKey(box.left + box.width + 14, box.top, box.height);
  if (cells === '') body += text(box.left + box.width / 2, box.top + box.height / 2, 'no allocations', { 'text-anchor': 'middle', fill: '#888888' });
  return svgDocument({ width, height, title: spec.title, id: spec.id }, body);
}

/** 0 for an empty cell, else 1..HEAT_LEVELS. */
function levelOf(v: number): number {
  if (!(v > 0)) return 0;
  return Math.min(HEAT_LEVELS, Math.max(1, Math.ceil(v * HEAT_LEVELS)));
}

function colorKey(x: number, top: number, height: number): string {
  let s = '';
  const h = height / HEAT_LEVELS;
  for (let level = 1; level <= HEAT_LEVELS; level++) s += el('rect', { x, y: top + height - level * h, width: 12, height: h, fill: heatColor(level / HEAT_LEVELS) });
  s += text(x + 16, top + 8, '100%', { fill: '#444444', 'font-size': 9 });
  s += text(x + 16, top + height, '0%', { fill: '#444444', 'font-size': 9 });
  return el('g', { class: 'key' }, s);
}
