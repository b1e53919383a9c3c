import { el, text } from './svg.js';

/** The plot area inside a chart, in SVG pixels. */
export interface PlotBox {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
}

export interface AxisSpec {
  /** Data value -> pixel. */
  readonly scale: (v: number) => number;
  readonly ticks: readonly number[];
  readonly format: (v: number) => string;
  readonly label: string;
}

const AXIS = '#444444';
const GRID = '#e6e6e6';

/** Horizontal axis under the plot box, with light vertical grid lines. */
export function xAxis(box: PlotBox, axis: AxisSpec): string {
  const y = box.top + box.height;
  let s = el('line', { x1: box.left, y1: y, x2: box.left + box.width, y2: y, stroke: AXIS });
  for (const t of axis.ticks) {
    const x = axis.scale(t);
    s += el('line', { x1: x, y1: box.top, x2: x, y2: y, stroke: GRID });
    s += el('line', { x1: x, y1: y, x2: x, y2: y + 4, stroke: AXIS });
    s += text(x, y + 15, axis.format(t), { 'text-anchor': 'middle', fill: AXIS });
  }
  s += text(box.left + box.width / 2, y + 32, axis.label, { 'text-anchor': 'middle', fill: '#222222' });
  return el('g', { class: 'axis x' }, s);
}

/** Vertical axis left of the plot box, with light horizontal grid lines. */
export function yAxis(box: PlotBox, axis: AxisSpec): string {
  let s = el('line', { x1: box.left, y1: box.top, x2: box.left, y2: box.top + box.height, stroke: AXIS });
  for (const t of axis.ticks) {
    const y = axis.scale(t);
    s += el('line', { x1: box.left, y1: y, x2: box.left + box.width, y2: y, stroke: GRID });
    s += el('line', { x1: box.left - 4, y1: y, x2: box.left, y2: y, stroke: AXIS });
    s += text(box.left - 7, y + 4, axis.format(t), { 'text-anchor': 'end', fill: AXIS });
  }
  const cx = box.left - 44;
  const cy = box.top + box.height / 2;
  s += text(cx, cy, axis.label, { 'text-anchor': 'middle', fill: '#222222', transform: `rotate(-90 ${cx} ${cy})` });
  return el('g', { class: 'axis y' }, s);
}

export interface LegendItem {
  readonly label: string;
  readonly color: string;
}

/** One row of color swatches and labels starting at (x, y). */
export function legend(items: readonly LegendItem[], x: number, y: number): string {
  let s = '';
  let at = x;
  for (const item of items) {
    s += el('rect', { x: at, y: y - 9, width: 12, height: 10, fill: item.color });
    s += text(at + 16, y, item.label, { fill: '#222222' });
    at += 16 + 7 * item.label.length + 18;
  }
  return el('g', { class: 'legend' }, s);
}

/** The chart's heading, top left. */
export function heading(title: string, x: number, y = 16): string {
  return text(x, y, title, { 'font-size': 13, 'font-weight': 'bold', fill: '#111111' });
}
