import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadExperiment, runExperiment } from '../../../experiments/experiment/index.js';
import { kthSlice, tempDir, writeExperiment } from '../experiment/fixtures.js';
import { headless } from './chromium.js';

const dir = tempDir('report');
let html = '';
let reportFile = '';
const PROFILES = ['fcfs', 'easy', 'conservative'];

beforeAll(async () => {
  kthSlice(dir, 1500);
  const loaded = loadExperiment(
    writeExperiment(
      dir,
      `name: report-check
description: "Policies <compared> & checked"
traces: [kth-slice.swf]
profiles: [${PROFILES.join(', ')}]
seeds: 3
`,
    ),
  );
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
  const o = await runExperiment(loaded.value, { outDir: join(dir, 'out'), workers: 0 });
  if (!o.ok) throw new Error(JSON.stringify(o));
  reportFile = o.files.report;
  html = readFileSync(reportFile, 'utf8');
});

/** Chart ids the report must hold for one (trace, variant) group. */
const expectedCharts = (): string[] => [
  'wait-cdf--kth-slice--base',
  'bsld-by-size--kth-slice--base',
  'utilization--kth-slice--base',
  'queue-length--kth-slice--base',
  ...PROFILES.map((p) => `allocation-heatmap--kth-slice--base--${p}`),
  ...PROFILES.map((p) => `account-usage--kth-slice--base--${p}`),
];

describe('report.html', () => {
  it('has no container table for an SWF trace (its runs have no container metrics)', () => {
    expect(html).not.toContain('<h3>Containers</h3>');
  });

  it('is self-contained: no scripts, no external resources', () => {
    expect(/<script|<link|<img|<iframe|\bsrc=|url\(/i.exec(html)?.[0]).toBeUndefined();
    expect(/https?:\/\/(?!www\.w3\.org\/2000\/svg)\S*/.exec(html)?.[0]).toBeUndefined();
  });

  it('holds every chart, the summary tables, the inputs and the versions', () => {
    const charts = [...html.matchAll(/<svg [^>]*data-chart="([^"]+)"/g)].map((m) => m[1]);
    expect(charts).toEqual(expectedCharts());
    for (const part of ['<h3>Summary</h3>', 'Policies &lt;compared&gt; &amp; checked', '<pre>name: report-check\n']) expect(html.includes(part), part).toBe(true);
    // (regex checks as booleans: a failure should not print the whole report)
    expect(/code version \(cache keys\)<\/th><td>0\.1\.0\+[0-9a-f]{12}</.test(html), 'code version').toBe(true);
    expect(/<code>[0-9a-f]{64}<\/code>/.test(html), "the trace's sha256").toBe(true);
    expect(html.includes('NaN'), 'NaN').toBe(false);
  });

  it('renders every chart with data in headless Chromium', () => {
    // The report plus a probe that measures each chart's drawn marks after layout.
    const probe = `<script>
const rows = [...document.querySelectorAll('svg[data-chart]')].map((svg) => {
  const box = svg.getBoundingClientRect();
  const marks = [...svg.querySelectorAll('.plot path, .plot rect')].filter((e) => { const b = e.getBBox(); return b.width > 0 && b.height > 0; });
  return { id: svg.dataset.chart, width: box.width, height: box.height, marks: marks.length };
});
const pre = document.createElement('pre');
pre.id = 'render-check';
pre.textContent = JSON.stringify(rows);
document.body.append(pre);
</script>`;
    const harness = join(dir, 'harness.html');
    writeFileSync(harness, html.replace('</body>', `${probe}</body>`));
    const dom = headless(harness, '--dump-dom');
    const json = /<pre id="render-check">([^<]*)<\/pre>/.exec(dom)?.[1];
    expect(json, 'the probe ran').toBeDefined();
    const rows = JSON.parse(json!.replaceAll('&quot;', '"').replaceAll('&amp;', '&')) as { id: string; width: number; height: number; marks: number }[];
    expect(rows.map((r) => r.id)).toEqual(expectedCharts());
    for (const r of rows) {
      expect(r.width, r.id).toBeGreaterThan(200);
      expect(r.height, r.id).toBeGreaterThan(150);
      expect(r.marks, r.id).toBeGreaterThan(0);
    }
    const byId = new Map(rows.map((r) => [r.id, r.marks]));
    expect(byId.get('wait-cdf--kth-slice--base')).toBe(PROFILES.length); // one line per profile
    expect(byId.get('bsld-by-size--kth-slice--base')).toBeGreaterThanOrEqual(PROFILES.length * 3); // bars (+ whiskers)
  });

  it('opens from disk as is and paints', () => {
    const dom = headless(reportFile, '--dump-dom');
    expect(dom.match(/<svg /g)).toHaveLength(expectedCharts().length);
    const png = join(dir, 'report.png');
    headless(reportFile, `--screenshot=${png}`);
    expect(statSync(png).size).toBeGreaterThan(50_000);
  });
});
