import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';
import type { SimulationResult } from '../../runtime-sim/index.js';
import { writeJobsCsv } from '../output/jobs-csv.js';
import type { RunTask } from './plan.js';
import type { RunRecord } from './run-task.js';

const RESULT = 'result.json';
const JOBS = 'jobs.csv';
const TEMP_PREFIX = '.tmp-';

/**
 * Completed runs under `<out>/runs/<key>/`: result.json (and jobs.csv when asked for). A run is
 * written into a temporary folder and renamed into place, so a folder named by a key is always
 * complete: an interrupted experiment leaves only temporary folders, removed on the next start.
 */
export class RunStore {
  readonly dir: string;

  constructor(outDir: string) {
    this.dir = join(outDir, 'runs');
  }

  dirOf(key: string): string {
    return join(this.dir, key);
  }

  /** Whether the run is stored with everything the task asks for. */
  has(task: RunTask): boolean {
    const dir = this.dirOf(task.key);
    return existsSync(join(dir, RESULT)) && (!task.jobsCsv || existsSync(join(dir, JOBS)));
  }

  save(task: RunTask, record: RunRecord, result: SimulationResult): void {
    mkdirSync(this.dir, { recursive: true });
    const temp = join(this.dir, `${TEMP_PREFIX}${task.key}-${process.pid}-${threadId}`);
    rmSync(temp, { recursive: true, force: true });
    mkdirSync(temp);
    if (task.jobsCsv) writeJobsCsv(join(temp, JOBS), result);
    writeFileSync(join(temp, RESULT), JSON.stringify(record) + '\n');
    const final = this.dirOf(task.key);
    rmSync(final, { recursive: true, force: true });
    renameSync(temp, final);
  }

  load(key: string): RunRecord {
    return JSON.parse(readFileSync(join(this.dirOf(key), RESULT), 'utf8')) as RunRecord;
  }

  /** Removes temporary folders left by an interrupted run. Call before starting workers. */
  removeTemporary(): number {
    if (!existsSync(this.dir)) return 0;
    let removed = 0;
    for (const name of readdirSync(this.dir)) {
      if (!name.startsWith(TEMP_PREFIX)) continue;
      rmSync(join(this.dir, name), { recursive: true, force: true });
      removed++;
    }
    return removed;
  }
}
