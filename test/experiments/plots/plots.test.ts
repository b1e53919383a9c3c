import { describe, expect, it } from 'vitest';
import { barChart, dropInnerPoints, heatmap, lineChart, stackedArea, thin, type Point } from '../../../experiments/plots/index.js';

/** The `d` attributes of the paths with a class. */
const paths = (svg: string, cls: string): string[] => [...svg.matchAll(new RegExp(`<path d="([^"]*)"[^>]*class="${cls}"`, 'g'))].map((m) => m[1]!);

describe('line charts', () => {
  const spec = {
    id: 'demo',
    title: 'Demo <&> "chart"',
    xLabel: 'x',
    yLabel: 'y',
    x: 'linear' as const,
    curve: 'linear' as const,
    series: [
      { name: 'a<b', color: '#ff0000', points: [[0, 0], [1, 2], [2, 1]] as Point[] },
      { name: 'c', color: '#0000ff', points: [[0, 1], [2, 3]] as Point[] },
    ],
  };
  const svg = lineChart(spec);

  it('draws one path per series inside the plot box, with escaped text', () => {
    const d = paths(svg, 'series');
    expect(d).toHaveLength(2);
    // x: 0..2 -> 64..620 (640 wide, margins 64 and 20); y: 0..3 -> 272..44 (320 high, margins 44 and 48)
    expect(d[0]).toBe('M64,272L342,120L620,196');
    expect(svg).toContain('<title>Demo &lt;&amp;&gt; &quot;chart&quot;</title>');
    expect(svg).toContain('data-series="a&lt;b"');
    expect(svg).not.toMatch(/<[^>]*\bNaN\b/);
  });

  it('is deterministic', () => {
    expect(lineChart(spec)).toBe(svg);
  });

  it('draws durations on a log axis from 1 s', () => {
    const cdf = lineChart({ ...spec, x: 'duration-log', curve: 'step', series: [{ name: 'w', color: '#000', points: [[0, 0], [10, 0.5], [3600, 1]] }] });
    expect(cdf).toContain('>1min<');
    expect(cdf).toContain('>1h<');
    expect(paths(cdf, 'series')[0]).toMatch(/^M64,/); // a wait of 0 is drawn at 1 s, the left edge
  });

  it('says so when there is nothing to draw', () => {
    expect(lineChart({ ...spec, series: [] })).toContain('>no data<');
  });

  it('drops points inside straight horizontal or vertical runs, and only those', () => {
    // A CDF with many zero waits: a vertical run at x = 0, then a horizontal run at y = 1.
    const cdf: Point[] = [[0, 0], [0, 0.25], [0, 0.5], [0, 0.75], [5, 0.75], [9, 1], [12, 1], [20, 1]];
    expect(dropInnerPoints(cdf)).toEqual([[0, 0], [0, 0.75], [5, 0.75], [9, 1], [20, 1]]);
    // a spike (down then up) is kept
    expect(dropInnerPoints([[0, 1], [0, 0], [0, 1]])).toEqual([[0, 1], [0, 0], [0, 1]]);
  });

  it('thins long series evenly, keeping both ends', () => {
    const pts = Array.from({ length: 1001 }, (_, i) => i);
    const t = thin(pts, 101);
    expect(t).toHaveLength(101);
    expect(t[0]).toBe(0);
    expect(t[100]).toBe(1000);
    expect(t[50]).toBe(500);
  });
});

describe('bar charts', () => {
  it('draws a bar per series and category, with a whisker where a CI is given', () => {
    const svg = barChart({
      id: 'bars',
      title: 'Bars',
      xLabel: 'class',
      yLabel: 'bsld',
      categories: ['1', '2-4'],
      series: [
        { name: 'p', color: '#111', bars: [{ value: 2, low: 1.5, high: 2.5 }, null] },
        { name: 'q', color: '#222', bars: [{ value: 4 }, { value: 1 }] },
      ],
    });
    expect(svg.match(/<rect [^>]*class="bar"/g)).toHaveLength(3);
    expect(paths(svg, 'ci')).toHaveLength(1);
    // a log axis starts at 1
    const log = barChart({ id: 'l', title: 'L', xLabel: '', yLabel: '', categories: ['a'], series: [{ name: 'p', color: '#111', bars: [{ value: 5000 }] }], yScale: 'log' });
    expect(log).toContain('>1000<');
    expect(log).toContain('(log scale)');
  });
});

describe('heatmaps', () => {
  it('draws one path per color level and merges equal cells along a row', () => {
    const svg = heatmap({
      id: 'h',
      title: 'H',
      xLabel: 'days',
      yLabel: 'node',
      values: [
        [1, 1, 1, 0],
        [0.05, 0, 0.55, 0.55],
      ],
      xStart: 0,
      xStep: 1,
      yExtent: [0, 2],
    });
    const cells = [...svg.matchAll(/<path d="([^"]*)"[^>]*data-level="(\d+)"/g)].map((m) => [Number(m[2]), m[1]!.split('M').length - 1]);
    // level 1: one cell (0.05); level 6: two merged cells (0.55, 0.55) -> 1 rect; level 10: three merged cells -> 1 rect
    expect(cells).toEqual([
      [1, 1],
      [6, 1],
      [10, 1],
    ]);
  });
});

describe('stacked areas', () => {
  it('stacks series bottom-up in order', () => {
    const svg = stackedArea({
      id: 's',
      title: 'S',
      xLabel: 'x',
      yLabel: 'y',
      xs: [0, 1],
      xEnd: 2,
      yMax: 1,
      series: [
        { name: 'a', color: '#111', values: [0.5, 0.25] },
        { name: 'b', color: '#222', values: [0.25, 0.25] },
      ],
    });
    const d = paths(svg, 'series');
    expect(d).toHaveLength(2);
    // top of b over [0, 1) is 0.75 of the 228-pixel plot height above 272: 272 - 171 = 101
    expect(d[1]).toContain('M64,101');
  });
});
