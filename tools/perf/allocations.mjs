// Where one replay allocates: V8's sampling heap profiler over a KTH-SP2 EASY replay or the KTH-SP2
// scenario, run in this process from tsc's output (npm run build first), counting objects that were
// collected too. Prints the bytes allocated per function (its own allocations; a function inlined
// by TurboFan counts as its caller, so pass --no-turbo-inlining to node for a finer split).
//
//   node tools/perf/allocations.mjs [easy|scenario] [--top N] [--callers NAME]
//
// --callers NAME: instead, the two callers of each place where NAME allocated.
import { Session } from 'node:inspector/promises';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dist = join(root, 'dist', 'experiments');
const args = process.argv.slice(2);
const option = (name) => {
  const i = args.indexOf(name);
  return i < 0 ? undefined : args.splice(i, 2)[1];
};
const top = Number(option('--top') ?? '30');
const callersOf = option('--callers');
const which = args[0] ?? 'scenario';
if (which !== 'easy' && which !== 'scenario') {
  console.error('usage: node tools/perf/allocations.mjs [easy|scenario] [--top N] [--callers NAME]');
  process.exit(2);
}
await import(join(dist, 'cli', 'v8-tuning.js')); // as the CLI: before any hot code is compiled
const { runReplay } = await import(join(dist, 'replay', 'replay.js'));
const { runScenarioReplay } = await import(join(dist, 'replay', 'scenario-replay.js'));

const outDir = mkdtempSync(join(tmpdir(), 'cranelab-alloc-'));
const session = new Session();
session.connect();
await session.post('HeapProfiler.startSampling', { samplingInterval: 4096, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
const run =
  which === 'easy'
    ? await runReplay({ trace: join(root, 'traces', 'data', 'KTH-SP2-1996-2.swf.gz'), policy: 'easy', outDir })
    : await runScenarioReplay({ scenario: join(root, 'traces', 'scenarios', 'kth-sp2', 'scenario.yaml'), outDir });
const { profile } = await session.post('HeapProfiler.stopSampling');
rmSync(outDir, { recursive: true, force: true });
if (!run.ok) throw new Error('the replay failed');

const name = (frame) => `${frame.functionName || '(anonymous)'} ${frame.url.split('/').slice(-2).join('/')}:${frame.lineNumber + 1}`;
const bytes = new Map();
let total = 0;
(function walk(node, chain) {
  const here = name(node.callFrame);
  total += node.selfSize;
  if (node.selfSize > 0 && (callersOf === undefined || node.callFrame.functionName === callersOf)) {
    const key = callersOf === undefined ? here : chain.slice(-2).join(' < ');
    bytes.set(key, (bytes.get(key) ?? 0) + node.selfSize);
  }
  for (const child of node.children) walk(child, [...chain, here]);
})(profile.head, []);
console.log(`${which}: ${(total / 1e6).toFixed(1)} MB allocated (sampled)`);
for (const [key, b] of [...bytes].sort((x, y) => y[1] - x[1]).slice(0, top)) console.log(`${(b / 1e6).toFixed(2).padStart(8)} MB  ${key}`);
