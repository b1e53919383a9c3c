import { parseArgs } from 'node:util';
import { basename, join } from 'node:path';
import { DEFAULT_CONTAINER_COSTS, type ContainerCosts } from '../../runtime-sim/index.js';
import { formatIssue } from '../../traces/index.js';
import { loadClusterConfig } from '../../traces/config/index.js';
import { loadContainerWorkload, type ContainerJob } from '../../traces/container/index.js';
import { generatePipelineWorkload } from '../../traces/generators/index.js';
import { comparisonMarkdown, runPodsExperiment } from '../pods/index.js';
import { DEFAULT_POD_CLUSTER } from '../replay/container-replay.js';
import { UsageError } from './usage.js';

/** The bundled workload: seeded pipeline jobs (traces/generators) that keep the cluster busy. */
export const PODS_DEFAULTS = { seed: 'pods', jobs: 200, interarrival: 30 } as const;

/** `MIN-MAX` of whole numbers >= min. */
function range(raw: string, name: string, min: number): { min: number; max: number } {
  const m = /^(\d+)-(\d+)$/.exec(raw);
  if (m === null || Number(m[1]) < min || Number(m[2]) < Number(m[1])) throw new UsageError(`pods: --${name} must be MIN-MAX with ${min} <= MIN <= MAX, got '${raw}'`);
  return { min: Number(m[1]), max: Number(m[2]) };
}

export const PODS_USAGE = `Usage: cranelab pods [--workload FILE.jsonl | --seed S --jobs N --interarrival SECONDS] [options]

The experiment that shows why Pods matter: runs one container workload twice on one cluster under
cranesched, once as one job per container (ccon run per container, chained with dependencies) and
once as container jobs whose steps reuse the job's allocation and Pod, and compares queue wait,
start-up overhead (sandboxes, image pulls, container starts), allocation utilization and makespan.
Writes DIR/comparison.md, comparison.json, overhead.svg and each run's jobs.csv and steps.csv.

Options:
  --workload FILE     a container workload (.jsonl) instead of the generated one
  --seed S            generator seed (default ${PODS_DEFAULTS.seed})
  --jobs N            generated pipeline jobs (default ${PODS_DEFAULTS.jobs})
  --interarrival S    mean seconds between generated submissions (default ${PODS_DEFAULTS.interarrival})
  --steps MIN-MAX     appended steps per generated job (default: the generator's, 2-6)
  --step-duration MIN-MAX
                      seconds a generated step runs (default: the generator's, 10-1800)
  --pull-timeout S    seconds an image pull may take, or none (default none: at CraneSched's 60 s
                      and 100 MiB/s, a 3.5 GiB CUDA image never pulls)
  --cluster FILE      the cluster (default experiments/examples/pods/cluster.yaml)
  --step-order O      fifo (CraneSched's, default) or backfill
  --out DIR           output folder (default out/pods)
  --quiet             print nothing but errors
  -h, --help          this help`;

interface Io {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
}

export async function podsCommand(argv: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      workload: { type: 'string' },
      seed: { type: 'string' },
      jobs: { type: 'string' },
      interarrival: { type: 'string' },
      steps: { type: 'string' },
      'step-duration': { type: 'string' },
      'pull-timeout': { type: 'string' },
      cluster: { type: 'string' },
      'step-order': { type: 'string' },
      out: { type: 'string' },
      quiet: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help === true) {
    io.out(PODS_USAGE);
    return 0;
  }
  if (positionals.length > 0) throw new UsageError(`pods: unexpected argument ${positionals[0]}`);
  const order = values['step-order'] ?? 'fifo';
  if (order !== 'fifo' && order !== 'backfill') throw new UsageError(`pods: --step-order must be fifo or backfill, got '${order}'`);
  const number = (name: 'jobs' | 'interarrival', fallback: number, integer: boolean): number => {
    const raw = values[name];
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!Number.isFinite(n) || n < 0 || (integer && !Number.isInteger(n))) throw new UsageError(`pods: --${name} must be a ${integer ? 'whole ' : ''}number >= 0, got '${raw}'`);
    return n;
  };
  let jobs: readonly ContainerJob[];
  let note: string;
  if (values.workload !== undefined) {
    for (const o of ['seed', 'jobs', 'interarrival', 'steps', 'step-duration'] as const) if (values[o] !== undefined) throw new UsageError(`pods: --${o} is for the generated workload, not --workload`);
    const loaded = await loadContainerWorkload(values.workload);
    if (!loaded.ok) {
      for (const i of loaded.issues) io.err(`cranelab: ${formatIssue(i)}`);
      return 1;
    }
    jobs = loaded.value.jobs;
    note = `${basename(values.workload)} (${jobs.length} jobs)`;
  } else {
    const seed = values.seed ?? PODS_DEFAULTS.seed;
    const n = number('jobs', PODS_DEFAULTS.jobs, true);
    const interarrival = number('interarrival', PODS_DEFAULTS.interarrival, false);
    const steps = values.steps === undefined ? undefined : range(values.steps, 'steps', 1);
    const stepDuration = values['step-duration'] === undefined ? undefined : range(values['step-duration'], 'step-duration', 1);
    const gen = generatePipelineWorkload({ seed, jobs: n, meanInterarrival: interarrival, ...(steps === undefined ? {} : { steps }), ...(stepDuration === undefined ? {} : { stepDuration }) });
    if (!gen.ok) throw new UsageError(`pods: ${gen.issues.join('; ')}`);
    jobs = gen.value;
    const shape = [steps === undefined ? '' : `, ${steps.min}-${steps.max} steps`, stepDuration === undefined ? '' : `, steps of ${stepDuration.min}-${stepDuration.max} s`].join('');
    note = `${n} generated pipeline jobs (seed ${seed}, mean interarrival ${interarrival} s${shape}, generator defaults otherwise)`;
  }
  const clusterFile = values.cluster ?? DEFAULT_POD_CLUSTER;
  const cluster = await loadClusterConfig(clusterFile);
  if (!cluster.ok) {
    for (const i of cluster.issues) io.err(`cranelab: ${formatIssue(i)}`);
    return 1;
  }
  const rawTimeout = values['pull-timeout'] ?? 'none';
  const timeout = rawTimeout === 'none' ? null : Number(rawTimeout);
  if (timeout !== null && !(Number.isInteger(timeout) && timeout > 0)) throw new UsageError(`pods: --pull-timeout must be whole seconds > 0 or none, got '${rawTimeout}'`);
  const costs: ContainerCosts = { ...DEFAULT_CONTAINER_COSTS, pull: { ...DEFAULT_CONTAINER_COSTS.pull, timeout: timeout === null ? null : timeout * 1000 } };
  const outDir = values.out ?? join('out', 'pods');
  const run = runPodsExperiment({
    jobs,
    cluster: cluster.value,
    outDir,
    stepOrder: order,
    costs,
    workloadNote: `${note} on ${basename(clusterFile)}, step order ${order}, image pull timeout ${timeout === null ? 'none' : `${timeout} s`}, other costs the measured defaults`,
  });
  if (!run.ok) {
    for (const i of run.issues) io.err(`cranelab: ${i}`);
    return 1;
  }
  if (values.quiet !== true) {
    io.out(`Workload: ${run.value.workload}\n`);
    io.out(comparisonMarkdown(run.value));
    io.out(`wrote ${join(outDir, 'comparison.md')}, comparison.json, overhead.svg, per-container/ and pods/ (jobs.csv, steps.csv)`);
  }
  return 0;
}
