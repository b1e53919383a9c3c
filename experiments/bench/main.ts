import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeSyntheticSwf } from '../../traces/generators/index.js';

/**
 * `npm run bench`: whole-process replays of compiled JavaScript, timed from spawn to exit, with
 * peak memory. Prints a table against the targets of the replay issue. A benchmark, not a test:
 * it never fails on a number, it reports it.
 */
interface Case {
  readonly name: string;
  /** A trace replayed under `policy`, or with `policy: 'scenario'` a scenario file under its own profile. */
  readonly trace: string;
  readonly policy: string;
  readonly targetSeconds: number;
  readonly targetMiB?: number;
  readonly repeats: number;
}

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..', '..');
/** The bundled replay process (rolldown.config.mjs), which loads as `cranelab` does. */
const once = join(here, '..', 'bundle', 'replay-once.mjs');
const cycleOnce = join(here, 'cycle-once.js');
/** The shared folder beside the checkout, as for the golden tests (CRANELAB_SHARED overrides it). */
const sharedDir = process.env['CRANELAB_SHARED'] ?? join(root, '..', 'shared');
const sharedSwf = (f: string): string => join(sharedDir, 'traces', 'swf', f);
const kth = join(root, 'traces', 'data', 'KTH-SP2-1996-2.swf.gz');
const kthScenario = join(root, 'traces', 'scenarios', 'kth-sp2', 'scenario.yaml');
const theta = sharedSwf('ALCF-Theta-2022.swf');
const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
/** `--only TEXT`: run only the cases whose name contains TEXT; `--repeats N`: override the repeats. */
const only = option('--only');
const repeats = option('--repeats');

const synthetic = join(tmpdir(), 'cranelab-bench-synthetic-1M.swf');
if (!quick && (only === undefined || 'synthetic 1M easy'.includes(only)) && !existsSync(synthetic)) {
  mkdirSync(dirname(synthetic), { recursive: true });
  const t = performance.now();
  writeSyntheticSwf(synthetic, { jobs: 1_000_000, processors: 1024, seed: 'cranelab-bench-1', load: 0.85 });
  console.log(`generated ${synthetic} (1,000,000 jobs, seed cranelab-bench-1) in ${((performance.now() - t) / 1000).toFixed(1)} s`);
}

/** The two cases of the scenario's ratio target (run in alternation, below). */
const KTH_EASY = 'KTH-SP2 easy';
const KTH_SCENARIO = 'KTH-SP2 scenario';
/**
 * Runs of each for the ratio: on the shared 2-core bench machine a scenario run varies by up to a
 * third (neighbours, and now and then a garbage collector that promotes twice as much), and with 7
 * pairs one slow stretch moved the median ratio from 2.8x to 3.1x.
 */
const RATIO_PAIRS = 11;

const allCases: Case[] = [
  { name: 'KTH-SP2 fcfs', trace: kth, policy: 'fcfs', targetSeconds: Infinity, repeats: 3 },
  { name: KTH_EASY, trace: kth, policy: 'easy', targetSeconds: 0.5, repeats: RATIO_PAIRS },
  { name: 'KTH-SP2 conservative', trace: kth, policy: 'conservative', targetSeconds: 2, repeats: 3 },
  // Issue 3: accounts, QoS limits and multifactor priority under CraneSched's planning backfill,
  // within 3x the EASY replay of the same trace: a ratio, judged below the table, not a time.
  { name: KTH_SCENARIO, trace: kthScenario, policy: 'scenario', targetSeconds: Infinity, repeats: RATIO_PAIRS },
  ...(existsSync(theta) ? [{ name: 'ALCF-Theta-2022 easy', trace: theta, policy: 'easy', targetSeconds: 1, repeats: 5 }] : []),
  ...(quick ? [] : [{ name: 'synthetic 1M easy', trace: synthetic, policy: 'easy', targetSeconds: 30, targetMiB: 2048, repeats: 1 }]),
];
const cases = allCases
  .filter((c) => only === undefined || c.name.includes(only))
  .map((c) => (repeats === undefined ? c : { ...c, repeats: Number(repeats) }));

const node = process.execPath;
/**
 * The environment of every timed process: this one's, without the variables that make Node itself
 * do work before any CraneLab code runs. NODE_EXTRA_CA_CERTS has Node parse a certificate bundle
 * at startup (on the bench machine its environment points it at the system's 219 KB bundle: about
 * 45 ms per process); a replay makes no TLS connection. NODE_OPTIONS could add any flag.
 */
const OUTSIDE_VARIABLES = ['NODE_EXTRA_CA_CERTS', 'NODE_OPTIONS'] as const;
const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !(OUTSIDE_VARIABLES as readonly string[]).includes(k)));
const startupIn = (e: NodeJS.ProcessEnv): number => median(Array.from({ length: 5 }, () => time(() => spawnSync(node, ['-e', '0'], { env: e }))));
const startup = startupIn(env);
console.log(`node startup (empty script): ${startup.toFixed(3)} s, included in every wall time below`);
const dropped = OUTSIDE_VARIABLES.filter((k) => process.env[k] !== undefined);
if (dropped.length > 0) {
  console.log(`  timed processes run without ${dropped.join(', ')} (set here); with them node starts in ${startupIn(process.env).toFixed(3)} s`);
}
console.log('');
console.log(
  pad('case', 24) + pad('jobs', 10) + pad('wall s', 9) + pad('target', 8) + pad('jobs/s', 10) + pad('load', 7) + pad('sim', 7) + pad('write', 7) + pad('cpu', 7) + pad('gc', 7) + pad('peak MiB', 10) + 'verdict',
);
type Run = { wall: number; r: Record<string, number> };
function runOnce(c: Case): Run {
  let stdout = '';
  const wall = time(() => {
    const args = c.policy === 'scenario' ? ['--scenario', c.trace] : [c.trace, c.policy];
    const p = spawnSync(node, ['--max-old-space-size=4096', '--trace-gc', once, ...args], { encoding: 'utf8', maxBuffer: 1 << 28, env });
    if (p.status !== 0) throw new Error(`${c.name} failed: ${p.stderr}`);
    stdout = p.stdout;
  });
  const lines = stdout.trim().split('\n');
  const result = lines.findLast((l) => l.startsWith('{'))!;
  return { wall, r: { ...JSON.parse(result), gcMs: gcPauseMs(lines) } };
}
// The scenario's target is a ratio to the EASY replay: the two run in alternation (EASY, scenario,
// EASY, ...), so that a machine that slows down or speeds up during the benchmark moves both
// medians alike; their runs are made before the table is printed.
const paired = new Map<string, Run[]>();
const pair = cases.filter((c) => c.name === KTH_EASY || c.name === KTH_SCENARIO);
if (pair.length === 2) {
  for (const c of pair) paired.set(c.name, []);
  for (let i = 0; i < Math.max(...pair.map((c) => c.repeats)); i++) for (const c of pair) if (i < c.repeats) paired.get(c.name)!.push(runOnce(c));
}
/** Each pair's own ratio (scenario run over the EASY run just before it), in run order: the spread says how far one run is to be trusted. */
const pairRatios = pair.length === 2 ? paired.get(KTH_SCENARIO)!.map((s, i) => s.wall / paired.get(KTH_EASY)![i]!.wall) : [];
const medianWall = new Map<string, number>();
for (const c of cases) {
  const runs = paired.get(c.name) ?? Array.from({ length: c.repeats }, () => runOnce(c));
  runs.sort((a, b) => a.wall - b.wall);
  const m = runs[Math.floor(runs.length / 2)]!;
  const peak = Math.max(...runs.map((x) => x.r['maxRssMiB']!));
  medianWall.set(c.name, m.wall);
  const ok = m.wall <= c.targetSeconds && (c.targetMiB === undefined || peak <= c.targetMiB);
  console.log(
    pad(c.name, 24) +
      pad(m.r['jobs']!.toLocaleString('en-US'), 10) +
      pad(m.wall.toFixed(3), 9) +
      pad(Number.isFinite(c.targetSeconds) ? `<${c.targetSeconds}` : c.name === KTH_SCENARIO ? '<=3x' : '-', 8) +
      pad(Math.round(m.r['jobs']! / m.wall).toLocaleString('en-US'), 10) +
      pad((m.r['loadMs']! / 1000).toFixed(2), 7) +
      pad((m.r['simulateMs']! / 1000).toFixed(2), 7) +
      pad((m.r['writeMs']! / 1000).toFixed(2), 7) +
      pad((median(runs.map((x) => x.r['cpuMs']!)) / 1000).toFixed(2), 7) +
      pad((median(runs.map((x) => x.r['gcMs']!)) / 1000).toFixed(2), 7) +
      pad(peak.toFixed(0), 10) +
      (Number.isFinite(c.targetSeconds) ? (ok ? 'meets target' : 'MISSES target') : c.name === KTH_SCENARIO ? 'see the ratio below' : ''),
  );
}
console.log('\nwall = median of repeats, spawn to exit; load/sim/write = in-process phases of that run;');
console.log('cpu = process CPU time (user + system) and gc = time in garbage collection, medians of the repeats (seconds).');
const scenarioWall = medianWall.get(KTH_SCENARIO);
const easyWall = medianWall.get(KTH_EASY);
if (scenarioWall !== undefined && easyWall !== undefined) {
  const ratio = scenarioWall / easyWall;
  console.log(
    `KTH-SP2 scenario / KTH-SP2 easy wall${paired.size === 2 ? ' (runs alternated)' : ''}: ${ratio.toFixed(2)}x (target <= 3x): ${ratio <= 3 ? 'meets target' : 'MISSES target'}`,
  );
  if (pairRatios.length > 1) {
    const sorted = [...pairRatios].sort((a, b) => a - b);
    const over = sorted.filter((r) => r > 3).length;
    console.log(
      `  the ${sorted.length} pairs' own ratios: ${sorted[0]!.toFixed(2)}x to ${sorted.at(-1)!.toFixed(2)}x, median ${median(sorted).toFixed(2)}x; ${over} of ${sorted.length} over 3x`,
    );
  }
}

// Issue 3: one CraneSched scheduling cycle with 10,000 pending jobs on 1,000 nodes, timed in
// process (cycle-once.ts), in fresh processes; target < 100 ms.
if (only === undefined || 'cycle 10k jobs 1k nodes'.includes(only)) {
  const cycles = Array.from({ length: repeats === undefined ? 3 : Number(repeats) }, () => {
    const p = spawnSync(node, [cycleOnce, '8'], { encoding: 'utf8', env });
    if (p.status !== 0) throw new Error(`cycle-once failed: ${p.stderr}`);
    return JSON.parse(p.stdout.trim().split('\n').findLast((l) => l.startsWith('{'))!) as Record<string, number>;
  });
  const warm = median(cycles.map((x) => x['warmMs']!));
  const cold = median(cycles.map((x) => x['coldMs']!));
  const orderMs = median(cycles.map((x) => x['warmOrderMs']!));
  console.log(
    `\ncranesched cycle, ${cycles[0]!['jobs']!.toLocaleString('en-US')} pending jobs on ${cycles[0]!['nodes']!.toLocaleString('en-US')} nodes: ` +
      `${warm.toFixed(1)} ms warm (queue order ${orderMs.toFixed(1)} ms, planner pass ${(warm - orderMs).toFixed(1)} ms), ${cold.toFixed(1)} ms cold (first in its process), ${cycles[0]!['started']} started (target < 100 ms warm): ${warm < 100 ? 'meets target' : 'MISSES target'}`,
  );
}

function time(f: () => void): number {
  const t = performance.now();
  f();
  return (performance.now() - t) / 1000;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** Sum of the main-thread GC pauses that `--trace-gc` prints (`..., 12.3 / 0.0 ms ...`). */
function gcPauseMs(traceLines: readonly string[]): number {
  let sum = 0;
  for (const line of traceLines) {
    const m = /MB, ([\d.]+) \/ [\d.]+ ms/.exec(line);
    if (m !== null) sum += Number(m[1]);
  }
  return sum;
}

function option(name: string): string | undefined {
  const i = argv.indexOf(name);
  return i < 0 ? undefined : argv[i + 1];
}

function pad(s: string, n: number): string {
  return s.padEnd(n);
}
