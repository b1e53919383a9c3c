import { scaleBand, scaleLinear, scaleLog } from 'd3';
import { heading, legend, yAxis, type PlotBox } from './axes.js';
import { fmt } from './format.js';
import { el, svgDocument, text } from './svg.js';

/** One bar: a mean and, when there are several seeds, its confidence interval. */
export interface Bar {
  readonly value: number;
  readonly low?: number;
  readonly high?: number;
}

export interface BarGroupSeries {
  readonly name: string;
  readonly color: string;
  /** One bar per category (null: no jobs in that category). */
  readonly bars: readonly (Bar | null)[];
}

export interface BarChartSpec {
  readonly id: string;
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly categories: readonly string[];
  readonly series: readonly BarGroupSeries[];
  /** `log`: a log axis from 1 (for ratios >= 1 such as slowdowns that span decades). */
  readonly yScale?: 'linear' | 'log';
  readonly width?: number;
  readonly height?: number;
}

/** Grouped bars (categories along x, one bar per series in each) with CI whiskers. */
export function barChart(spec: BarChartSpec): string {
  const width = spec.width ?? 640;
  const height = spec.height ?? 320;
  const box: PlotBox = { left: 64, top: 44, width: width - 64 - 20, height: height - 44 - 48 };
  const outer = scaleBand<string>().domain(spec.categories).range([box.left, box.left + box.width]).paddingInner(0.2).paddingOuter(0.1);
  const inner = scaleBand<string>()
    .domain(spec.series.map((s) => s.name))
    .range([0, outer.bandwidth()])
    .padding(0.08);
  const top = Math.max(0, ...spec.series.flatMap((s) => s.bars.map((b) => (b === null ? 0 : Math.max(b.value, b.high ?? 0)))));
  const log = spec.yScale === 'log';
  const y = log
    ? scaleLog().domain([1, Math.max(10, top)]).range([box.top + box.height, box.top]).nice().clamp(true)
    : scaleLinear().domain([0, top > 0 ? top : 1]).range([box.top + box.height, box.top]).nice(6);
  const yTicks = log ? y.ticks().filter((t) => [1, 2, 5].includes(Math.round(t / 10 ** Math.floor(Math.log10(t) + 1e-9)))) : y.ticks(6);
  const base = box.top + box.height;
  let body = heading(spec.title, box.left);
  body += legend(spec.series.map((s) => ({ label: s.name, color: s.color })), box.left, 32);
  body += yAxis(box, { scale: y, ticks: yTicks, format: (v) => fmt(v), label: spec.yLabel + (log ? ' (log scale)' : '') });
  // Category labels under each group (an x axis without numeric ticks).
  let labels = el('line', { x1: box.left, y1: box.top + box.height, x2: box.left + box.width, y2: box.top + box.height, stroke: '#444444' });
  for (const c of spec.categories) labels += text(outer(c)! + outer.bandwidth() / 2, box.top + box.height + 15, c, { 'text-anchor': 'middle', fill: '#444444' });
  labels += text(box.left + box.width / 2, box.top + box.height + 32, spec.xLabel, { 'text-anchor': 'middle', fill: '#222222' });
  body += el('g', { class: 'axis x' }, labels);
  let bars = '';
  spec.categories.forEach((c, ci) => {
    for (const s of spec.series) {
      const b = s.bars[ci];
      if (b === null || b === undefined) continue;
      const x = outer(c)! + inner(s.name)!;
      const w = inner.bandwidth();
      const y0 = y(b.value);
      bars += el('rect', { x, y: Math.min(y0, base - 0.5), width: w, height: Math.max(0.5, base - y0), fill: s.color, class: 'bar', 'data-series': s.name }, el('title', {}, `${s.name}, ${c}: ${fmt(b.value)}`));
      if (b.low !== undefined && b.high !== undefined) {
        const cx = x + w / 2;
        bars += el('path', { d: `M${round(cx)},${round(y(b.low))}V${round(y(b.high))}M${round(cx - w / 4)},${round(y(b.low))}H${round(cx + w / 4)}M${round(cx - w / 4)},${round(y(b.high))}H${round(cx + w / 4)}`, stroke: '#222222', fill: 'none', class: 'ci' });
      }
    }
  });
  body += el('g', { class: 'plot' }, bars);
  if (bars === '') body += text(box.left + box.width / 2, box.top + box.height / 2, 'no data', { 'text-anchor': 'middle', fill: '#888888' });
  return svgDocument({ width, height, title: spec.title, id: spec.id }, body);
}

const round = (v: number): number => Math.round(v * 10) / 10;
