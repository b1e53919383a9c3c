/** The experiment report: a self-contained report.html (inline SVG and CSS). */
export { renderReport } from './report.js';
export { REPORT_CHARTS, type Figure, type ReportChart } from './charts.js';
