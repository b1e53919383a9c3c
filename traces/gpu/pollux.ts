import { WarningTally, type InputIssue, type InputWarning } from '../issue.js';
import type { ContainerJob } from '../container/index.js';
import { checkTimeLimitFactor, plainContainer, timeLimitFor } from './common.js';
import { forEachCsvRow, intField } from './csv-rows.js';
import { POLLUX_APPLICATIONS, POLLUX_REPLICA, polluxDuration, polluxLayout } from './pollux-model.js';

/** Columns of Pollux's `workload-N.csv`. */
export const POLLUX_COLUMNS = ['name', 'time', 'application', 'num_replicas', 'batch_size'] as const;

export interface PolluxOptions {
  /** Image sizes in MiB by image name; absent: the simulator's default size. */
  readonly imageSizesMiB?: Readonly<Record<string, number>>;
  /** When set, each job's time limit is factor x its duration (>= 11 s); absent: no limit. */
  readonly timeLimitFactor?: number;
}

export type PolluxResult =
  | { readonly ok: true; readonly value: { readonly jobs: readonly ContainerJob[]; readonly warnings: readonly InputWarning[] } }
  | { readonly ok: false; readonly issues: readonly InputIssue[] };

/**
 * Pollux's workload as `ccon run`-style container jobs (pollux-model.ts states the model and its
 * sources): submit = `time` s; `num_replicas` GPUs laid out by `polluxLayout` with 10 CPUs and
 * 38 147 MiB per GPU; duration = Pollux's own completion time for (application, num_replicas,
 * batch_size) at that fixed allocation; exit 0. The layout differs from Pollux's for 6 replicas
 * (2 nodes x 3 GPUs here, 4 + 2 in Pollux) because CraneSched requests are uniform per node; the
 * duration is Pollux's. `meta` keeps application, batch size and replica count.
 * An unknown application or configuration is an error (the model has no duration for it).
 */
export async function loadPolluxWorkload(file: string, options: PolluxOptions = {}): Promise<PolluxResult> {
  const bad = checkTimeLimitFactor(options.timeLimitFactor);
  if (bad !== undefined) return { ok: false, issues: [{ file, message: bad }] };
  const issues: InputIssue[] = [];
  const tally = new WarningTally(file);
  const jobs: ContainerJob[] = [];
  let lastTime = -Infinity;
  const read = await forEachCsvRow(file, POLLUX_COLUMNS, (row) => {
    const issue = (field: string, message: string): void => {
      issues.push({ file, line: row.line, field, message });
    };
    const name = row.get('name');
    if (name === '') issue('name', 'expected a job name, got ""');
    const time = intField(row, 'time', 0);
    if (typeof time === 'string') issue('time', time);
    const replicas = intField(row, 'num_replicas', 1);
    if (typeof replicas === 'string') issue('num_replicas', replicas);
    const batch = intField(row, 'batch_size', 1);
    if (typeof batch === 'string') issue('batch_size', batch);
    const app = row.get('application');
    const model = POLLUX_APPLICATIONS[app];
    if (model === undefined) issue('application', `unknown application ${JSON.stringify(app)} (known: ${Object.keys(POLLUX_APPLICATIONS).join(', ')})`);
    if (issues.length >= 50) return false;
    if (name === '' || typeof time !== 'number' || typeof replicas !== 'number' || typeof batch !== 'number' || model === undefined) return true;
    const duration = polluxDuration(app, replicas, batch);
    if (duration === undefined) {
      const known = model.configurations.map(([r, b]) => `${r}x${b}`).join(', ');
      issue('num_replicas', `no duration for ${app} with ${replicas} replicas and batch size ${batch} (the model has replicas x batch: ${known})`);
      return true;
    }
    if (time < lastTime) tally.add('submit times are not in ascending order; jobs are sorted by submit time (stable)', row.line);
    lastTime = Math.max(lastTime, time);
    const layout = polluxLayout(replicas);
    const timeLimit = timeLimitFor(duration, options.timeLimitFactor);
    jobs.push({
      id: name,
      submitTime: time * 1000,
      resources: {
        nodeCount: layout.nodes,
        perNode: {
          cpuMilli: POLLUX_REPLICA.cpuMilli * layout.perNode,
          memMiB: POLLUX_REPLICA.memMiB * layout.perNode,
          gres: [{ name: 'gpu', count: layout.perNode }],
        },
      },
      ...(timeLimit === undefined ? {} : { timeLimit }),
      pod: { labels: {}, network: 'default', ports: [], dns: [] },
      primary: { kind: 'container', duration, exitCode: 0, container: plainContainer(model.image, options.imageSizesMiB?.[model.image]) },
      steps: [],
      meta: { application: app, batchSize: batch, replicas },
    });
    return true;
  });
  if (!read.ok) return read;
  if (issues.length > 0) return { ok: false, issues };
  if (read.extraColumns.length > 0) tally.add(`extra columns are ignored: ${read.extraColumns.join(', ')}`);
  return { ok: true, value: { jobs, warnings: tally.list() } };
}
