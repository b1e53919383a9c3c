/** d3-drawn charts as SVG text, in Node: no browser, no DOM. */
export { barChart, type Bar, type BarChartSpec, type BarGroupSeries } from './bar-chart.js';
export { heatmap, HEAT_LEVELS, type HeatmapSpec } from './heatmap.js';
export { dropInnerPoints, lineChart, MAX_LINE_POINTS, thin, type LineChartSpec, type LineSeries, type Point } from './line-chart.js';
export { stackedArea, type AreaSeries, type StackedAreaSpec } from './stacked-area.js';
export { heatColor, seriesColor } from './palette.js';
export { durationTick, fmt } from './format.js';
export { esc } from './svg.js';
