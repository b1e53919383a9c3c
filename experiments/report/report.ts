import { basename } from 'node:path';
import { describeProfile } from '../experiment/profiles.js';
import type { ExperimentResults, ResultGroup } from '../experiment/results.js';
import { UNSHAKEN_SEED } from '../experiment/shaking.js';
import { describeVariant } from '../experiment/variants.js';
import { REPORT_CHARTS, type Figure } from './charts.js';
import { esc, slug, table } from './html.js';
import { REPORT_CSS } from './style.js';
import { allMetricsTable, breakdownTable, containerTable, headlineTable, perSeedTable, shareTable, sizeClassTable } from './tables.js';

/**
 * report.html: one self-contained page (inline CSS and SVG, no scripts, no external resources)
 * comparing the profiles of an experiment, one section per (trace, variant), then the inputs and
 * versions. Deterministic: the same results give the same bytes.
 */
export function renderReport(results: ExperimentResults): string {
  const e = results.experiment;
  const sections = results.groups.map((g) => section(g, results.groups.length > 1, results.groups));
  const nav = results.groups.length > 1 ? `<nav>${results.groups.map((g) => `<a href="#${groupAnchor(g)}">${esc(groupTitle(g))}</a>`).join('')}<a href="#inputs">inputs</a></nav>` : '';
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(e.name)}: CraneLab experiment report</title>
<style>${REPORT_CSS}</style>
</head>
<body>
<main>
<h1>${esc(e.name)}</h1>
<p class="lede">${esc(e.description === '' ? 'A CraneLab experiment.' : e.description)} ${e.profiles.length} profiles × ${e.traces.length} trace(s) × ${e.variants.length} variant(s) × ${e.seeds.length} seed(s).</p>
${nav}
${sections.join('\n')}
${inputs(results)}
</main>
</body>
</html>
`;
}

const groupTitle = (g: ResultGroup): string => `${g.trace.name} · ${g.variant.name}`;
const groupAnchor = (g: ResultGroup): string => `group-${slug(g.trace.name)}-${slug(g.variant.name)}`;

function section(g: ResultGroup, many: boolean, all: readonly ResultGroup[]): string {
  const rec = g.profiles[0]!.reference.record;
  const figures = REPORT_CHARTS.flatMap((c) => c.figures(g, all));
  return `<section id="${groupAnchor(g)}">
<h2>${esc(many ? groupTitle(g) : `${g.trace.name}`)}</h2>
<p>${esc(`${rec.trace_jobs} jobs on ${rec.processors} processors (${rec.processors_from}); variant '${g.variant.name}': ${describeVariant(g.variant)}.`)}</p>
<h3>Summary</h3>
${headlineTable(g)}
<div class="charts">
${figures.map(figure).join('\n')}
</div>
${g.trace.kind === 'container' ? `<h3>Containers</h3>\n${containerTable(g)}` : ''}
<h3>Job size classes</h3>
${sizeClassTable(g)}
<h3>Fairness: delivered against configured share</h3>
${shareTable(g, 10)}
<details><summary>All metrics</summary>
${allMetricsTable(g)}
</details>
<details><summary>Every run</summary>
${perSeedTable(g)}
</details>
<details><summary>Breakdowns by partition, QoS and account</summary>
<h3>Partition</h3>
${breakdownTable(g, 'partition', 20)}
<h3>QoS</h3>
${breakdownTable(g, 'qos', 20)}
<h3>Account</h3>
${breakdownTable(g, 'account', 15)}
</details>
</section>`;
}

function figure(f: Figure): string {
  return `<figure id="${esc(f.id)}">${f.svg}<figcaption>${esc(f.caption)}</figcaption></figure>`;
}

function inputs(results: ExperimentResults): string {
  const e = results.experiment;
  const first = (name: string) => results.groups.find((g) => g.trace.name === name)?.profiles[0]?.reference.record;
  const traces = table(
    ['trace', 'file', 'sha256', 'jobs', 'processors', 'missing estimate', 'warnings'],
    e.traces.map((t) => {
      const rec = first(t.name);
      const sha = results.groups.find((g) => g.trace === t)?.traceSha256 ?? '';
      return [t.name, t.fileAsWritten, { html: `<code>${esc(sha)}</code>` }, { num: String(rec?.trace_jobs ?? '') }, { num: String(rec?.processors ?? '') }, t.missingEstimate, { html: (rec?.warnings ?? []).map((w) => esc(w)).join('<br>') }];
    }),
  );
  const profiles = table(['profile', 'settings'], e.profiles.map((p) => [p.name, describeProfile(p)]));
  const variants = table(['variant', 'settings'], e.variants.map((v) => [v.name, describeVariant(v)]));
  const s = e.shaking;
  const shaking = `<p>Seeds: ${esc(e.seeds.join(', '))}. Seed ${UNSHAKEN_SEED} replays the trace as recorded; every other seed shakes it (Tsafrir, Ouaknine and Feitelson, MASCOTS 2007): each submit time moves by a uniform whole number of seconds in ±${s.submitJitterSeconds} s, each runtime is scaled by a uniform factor in [${1 - s.runtimeJitter}, ${1 + s.runtimeJitter}] (whole seconds, at least 1 s, at most the job's time limit). Every profile sees the same shaken inputs for a given seed.</p>`;
  const m = e.metrics;
  const metricSettings = table(['setting', 'value'], [
    ['size class bounds (CPUs)', m.sizeClasses.join(', ')],
    ['time buckets (max)', String(m.timeBuckets)],
    ['heatmap buckets × node groups (max)', `${m.heatmapBuckets} × ${m.heatmapNodeGroups}`],
    ['accounts plotted by name', String(m.topAccounts)],
    ['configured shares', Object.keys(m.shares.shares).length === 0 ? `equal (default ${m.shares.defaultShare})` : `${Object.entries(m.shares.shares).map(([a, w]) => `${a}=${w}`).join(', ')}; others ${m.shares.defaultShare}`],
    ['bounded slowdown tau', '10 s'],
  ]);
  const v = results.versions;
  const versions = table(['component', 'version'], [
    ['CraneLab', v.cranelab],
    ['code version (cache keys)', results.codeVersion],
    ['Node.js', v.node],
    ['d3', v.d3],
    ['yaml', v.yaml],
    ['seedrandom', v.seedrandom],
  ]);
  return `<section id="inputs">
<h2>Inputs and versions</h2>
<h3>Traces</h3>
${traces}
<h3>Profiles</h3>
${profiles}
<h3>Variants</h3>
${variants}
<h3>Seeds and input shaking</h3>
${shaking}
<h3>Metric settings</h3>
${metricSettings}
<h3>Versions</h3>
${versions}
<h3>Experiment file: ${esc(basename(e.file))}</h3>
<pre>${esc(e.source)}</pre>
</section>`;
}
