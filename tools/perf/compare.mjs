// Compares the wall time of two builds of the bench's replay process, run in alternation so that a
// shared machine that speeds up or slows down moves both alike. Each build is a copy of
// dist/experiments/bundle (npm run build, then cp -r dist/experiments/bundle /tmp/before).
//
//   node tools/perf/compare.mjs BUNDLE_A BUNDLE_B [--case easy|scenario] [--pairs N]
//
// Prints the median wall (spawn to exit) of each and B/A. Like the bench, it runs the processes
// without NODE_EXTRA_CA_CERTS and NODE_OPTIONS.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CASES = {
  easy: [join(root, 'traces', 'data', 'KTH-SP2-1996-2.swf.gz'), 'easy'],
  scenario: ['--scenario', join(root, 'traces', 'scenarios', 'kth-sp2', 'scenario.yaml')],
};
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  if (i < 0) return fallback;
  const [value] = args.splice(i, 2).slice(1);
  return value;
};
const which = option('--case', 'scenario');
const pairs = Number(option('--pairs', '11'));
const [a, b] = args.map((d) => resolve(d));
if (a === undefined || b === undefined || !(which in CASES) || !(pairs > 0)) {
  console.error('usage: node tools/perf/compare.mjs BUNDLE_A BUNDLE_B [--case easy|scenario] [--pairs N]');
  process.exit(2);
}
for (const d of [a, b]) {
  if (!existsSync(join(d, 'replay-once.mjs'))) {
    console.error(`${d}: no replay-once.mjs (give a copy of dist/experiments/bundle)`);
    process.exit(2);
  }
}
const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'NODE_EXTRA_CA_CERTS' && k !== 'NODE_OPTIONS'));
const run = (dir) => {
  const t = performance.now();
  const p = spawnSync(process.execPath, [join(dir, 'replay-once.mjs'), ...CASES[which]], { env, encoding: 'utf8' });
  if (p.status !== 0) throw new Error(`${dir}: ${p.stderr}`);
  return performance.now() - t;
};
const times = { a: [], b: [] };
for (let i = 0; i < pairs; i++) {
  times.a.push(run(a));
  times.b.push(run(b));
}
const median = (xs) => [...xs].sort((x, y) => x - y)[xs.length >> 1];
const ma = median(times.a);
const mb = median(times.b);
console.log(`${which}, ${pairs} alternating pairs: A ${ma.toFixed(1)} ms, B ${mb.toFixed(1)} ms, B/A ${(mb / ma).toFixed(3)}`);
