import { curveLinear, curveStepAfter, line, scaleLinear, scaleLog } from 'd3';
import { heading, legend, xAxis, yAxis, type PlotBox } from './axes.js';
import { durationTick, durationTicks, fmt } from './format.js';
import { el, svgDocument, text } from './svg.js';

export type Point = readonly [number, number];

export interface LineSeries {
  readonly name: string;
  readonly color: string;
  readonly points: readonly Point[];
}

export interface LineChartSpec {
  readonly id: string;
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly series: readonly LineSeries[];
  /** `duration-log`: x is seconds on a log axis from 1 s (smaller values drawn at 1 s). */
  readonly x: 'linear' | 'duration-log';
  /** Fixed y range; default [0, nice max of the data]. */
  readonly yDomain?: readonly [number, number];
  readonly yFormat?: (v: number) => string;
  readonly curve: 'step' | 'linear';
  readonly width?: number;
  readonly height?: number;
}

/** At most this many points per line: longer series are thinned evenly (first and last kept). */
export const MAX_LINE_POINTS = 600;

/** One line per series over shared axes, legend on top. */
export function lineChart(spec: LineChartSpec): string {
  const width = spec.width ?? 640;
  const height = spec.height ?? 320;
  const box: PlotBox = { left: 64, top: 44, width: width - 64 - 20, height: height - 44 - 48 };
  const all = spec.series.flatMap((s) => s.points);
  const xs = all.map((p) => (spec.x === 'duration-log' ? Math.max(1, p[0]) : p[0]));
  const ys = all.map((p) => p[1]);
  const xMin = xs.length === 0 ? 0 : Math.min(...xs);
  const xMax = xs.length === 0 ? 1 : Math.max(...xs);
  let xScale: (v: number) => number;
  let xTicks: number[];
  let xFormat: (v: number) => string;
  if (spec.x === 'duration-log') {
    const hi = Math.max(10, xMax);
    const s = scaleLog().domain([1, hi]).range([box.left, box.left + box.width]).clamp(true);
    xScale = (v) => s(Math.max(1, v));
    xTicks = durationTicks(1, hi);
    xFormat = durationTick;
  } else {
    const s = scaleLinear().domain([xMin, xMax === xMin ? xMin + 1 : xMax]).range([box.left, box.left + box.width]);
    xScale = s;
    xTicks = s.ticks(8);
    xFormat = (v) => fmt(v);
  }
  const yMax = ys.length === 0 ? 1 : Math.max(...ys);
  const ys0 = spec.yDomain ?? ([0, yMax > 0 ? yMax : 1] as const);
  const y = scaleLinear().domain([ys0[0], ys0[1]]).range([box.top + box.height, box.top]);
  if (spec.yDomain === undefined) y.nice(6);
  const draw = line<Point>()
    .x((p) => xScale(p[0]))
    .y((p) => y(p[1]))
    .curve(spec.curve === 'step' ? curveStepAfter : curveLinear)
    .digits(1);
  let body = heading(spec.title, box.left);
  body += legend(spec.series.map((s) => ({ label: s.name, color: s.color })), box.left, 32);
  body += xAxis(box, { scale: xScale, ticks: xTicks, format: xFormat, label: spec.xLabel });
  body += yAxis(box, { scale: y, ticks: y.ticks(6), format: spec.yFormat ?? ((v) => fmt(v)), label: spec.yLabel });
  let lines = '';
  for (const s of spec.series) {
    const d = draw(thin(dropInnerPoints(s.points), MAX_LINE_POINTS));
    if (d !== null && s.points.length > 0) lines += el('path', { d, fill: 'none', stroke: s.color, 'stroke-width': 1.6, class: 'series', 'data-series': s.name });
  }
  body += el('g', { class: 'plot' }, lines);
  if (all.length === 0) body += text(box.left + box.width / 2, box.top + box.height / 2, 'no data', { 'text-anchor': 'middle', fill: '#888888' });
  return svgDocument({ width, height, title: spec.title, id: spec.id }, body);
}

/**
 * Drops points that lie inside a straight horizontal or vertical run (same y, or same x, as both
 * neighbours and between them): lossless for linear and step curves, and a CDF of many equal
 * values becomes one segment instead of hundreds.
 */
export function dropInnerPoints(points: readonly Point[]): readonly Point[] {
  if (points.length < 3) return points;
  const out: Point[] = [points[0]!];
  for (let i = 1; i < points.length - 1; i++) {
    const [a, p, b] = [out[out.length - 1]!, points[i]!, points[i + 1]!];
    const between = (u: number, v: number, w: number): boolean => (u <= v && v <= w) || (u >= v && v >= w);
    const horizontal = a[1] === p[1] && p[1] === b[1] && between(a[0], p[0], b[0]);
    const vertical = a[0] === p[0] && p[0] === b[0] && between(a[1], p[1], b[1]);
    if (!horizontal && !vertical) out.push(p);
  }
  out.push(points[points.length - 1]!);
  return out;
}

/** Evenly thinned points (first and last kept), for bounded SVG size. */
export function thin<T>(points: readonly T[], max: number): readonly T[] {
  if (points.length <= max) return points;
  const out: T[] = [];
  const step = (points.length - 1) / (max - 1);
  for (let i = 0; i < max; i++) out.push(points[Math.round(i * step)]!);
  return out;
}
