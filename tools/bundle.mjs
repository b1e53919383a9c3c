import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'rolldown';

/**
 * `npm run build`, step 2 (after tsc): the compiled CLI, the bench's replay process and the
 * experiment runner's worker thread, as one ES module each plus shared chunks and one chunk per
 * on-demand command. Starting `cranelab` (or a worker) then loads a few files instead of ~100
 * modules (about 0.05–0.1 s of every run). Input is tsc's output in dist/, with the libraries
 * below (all but KEEP_EXTERNAL). The bundle sits at the depth of the compiled CLI
 * (dist/experiments/bundle/), so paths found from `import.meta.url` (examples, the package root,
 * the run worker) resolve as they do from dist/experiments/cli/. Tests run tsc's output.
 */
const dir = 'dist/experiments/bundle';
/**
 * Libraries loaded from node_modules at run time: the TUI's (ink and React load once, for a long
 * session). The others (yaml, d3, csv-parse, seedrandom) are bundled: each is dozens of small
 * modules, and resolving and compiling them one by one cost a scenario or experiment process
 * 0.1-0.2 s (yaml ~80 ms, d3 ~110 ms on the bench machine).
 */
const KEEP_EXTERNAL = ['ink', 'react'];
/**
 * yaml's ES module build (its `default` export condition) rather than its CommonJS one (`node`):
 * the same code, but as ES modules it is tree-shaken (config.mjs 270 -> 228 KB) and has no
 * module wrappers to run at load; importing the scenario stack took 27 ms, now 20 (medians of 8
 * fresh processes). The one difference: yaml's own warnings (from its `parse`, which only
 * `scenarioInputFiles` uses) go to console.warn instead of process.emitWarning.
 */
const YAML_ESM = fileURLToPath(new URL('../node_modules/yaml/browser/index.js', import.meta.url));
rmSync(dir, { recursive: true, force: true });
await build({
  input: {
    cranelab: 'dist/experiments/cli/main.js',
    'replay-once': 'dist/experiments/bench/replay-once.js',
    // the experiment runner's worker thread (experiments/experiment/worker-pool.ts finds it beside the bin)
    'run-worker': 'dist/experiments/experiment/run-worker.js',
  },
  platform: 'node',
  resolve: { alias: { yaml: YAML_ESM } },
  logLevel: 'warn',
  external: (id) => id.startsWith('node:') || KEEP_EXTERNAL.some((p) => id === p || id.startsWith(`${p}/`)),
  output: { dir, format: 'esm', entryFileNames: '[name].mjs', chunkFileNames: '[name].mjs' },
});
