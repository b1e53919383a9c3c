import { area, curveStepAfter, scaleLinear, stack, stackOrderNone, stackOffsetNone } from 'd3';
import { heading, legend, xAxis, yAxis, type PlotBox } from './axes.js';
import { fmt } from './format.js';
import { el, svgDocument, text } from './svg.js';

export interface AreaSeries {
  readonly name: string;
  readonly color: string;
  /** One value per x position. */
  readonly values: readonly number[];
}

export interface StackedAreaSpec {
  readonly id: string;
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  /** Left edge of each bucket; the last bucket ends at xEnd. */
  readonly xs: readonly number[];
  readonly xEnd: number;
  readonly series: readonly AreaSeries[];
  readonly yMax?: number;
  readonly yFormat?: (v: number) => string;
  readonly width?: number;
  readonly height?: number;
}

/** Series stacked bottom-up in the given order, drawn as steps (each value holds over its bucket). */
export function stackedArea(spec: StackedAreaSpec): string {
  const width = spec.width ?? 640;
  const height = spec.height ?? 320;
  const box: PlotBox = { left: 64, top: 44, width: width - 64 - 20, height: height - 44 - 48 };
  const n = spec.xs.length;
  // Repeat the last bucket's values at xEnd so the last step has a width.
  const xs = [...spec.xs, spec.xEnd];
  const rows = xs.map((_, i) => spec.series.map((s) => s.values[Math.min(i, n - 1)] ?? 0));
  const layers = stack<readonly number[], number>()
    .keys(spec.series.map((_, i) => i))
    .value((row, key) => row[key] ?? 0)
    .order(stackOrderNone)
    .offset(stackOffsetNone)(rows);
  const top = Math.max(0, ...rows.map((r) => r.reduce((s, v) => s + v, 0)));
  const x = scaleLinear().domain([xs[0] ?? 0, xs[xs.length - 1] ?? 1]).range([box.left, box.left + box.width]);
  const y = scaleLinear().domain([0, spec.yMax ?? (top > 0 ? top : 1)]).range([box.top + box.height, box.top]);
  if (spec.yMax === undefined) y.nice(6);
  const draw = area<[number, number]>()
    .x((_, i) => x(xs[i]!))
    .y0((d) => y(d[0]))
    .y1((d) => y(d[1]))
    .curve(curveStepAfter)
    .digits(1);
  let body = heading(spec.title, box.left);
  body += legend(spec.series.map((s) => ({ label: s.name, color: s.color })), box.left, 32);
  body += xAxis(box, { scale: x, ticks: x.ticks(8), format: (v) => fmt(v), label: spec.xLabel });
  body += yAxis(box, { scale: y, ticks: y.ticks(6), format: spec.yFormat ?? ((v) => fmt(v)), label: spec.yLabel });
  let areas = '';
  layers.forEach((layer, i) => {
    const d = draw(layer.map((p) => [p[0], p[1]] as [number, number]));
    if (d !== null && n > 0) areas += el('path', { d, fill: spec.series[i]!.color, stroke: 'none', class: 'series', 'data-series': spec.series[i]!.name });
  });
  body += el('g', { class: 'plot' }, areas);
  if (n === 0) body += text(box.left + box.width / 2, box.top + box.height / 2, 'no data', { 'text-anchor': 'middle', fill: '#888888' });
  return svgDocument({ width, height, title: spec.title, id: spec.id }, body);
}
