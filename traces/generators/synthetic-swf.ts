import { closeSync, openSync, writeSync } from 'node:fs';
import seedrandom from 'seedrandom';

export interface SyntheticSwfOptions {
  readonly jobs: number;
  readonly processors: number;
  readonly seed: string;
  /** Offered load (sum of procs x runtime over machine capacity x span); keep below 1 for a stable queue. */
  readonly load?: number;
}

/**
 * Writes a seeded synthetic SWF trace (for benchmarks): sizes are powers of two, log-uniform up
 * to the machine; runtimes log-uniform from 10 s to 1 day; requested times over-estimate by a
 * factor in [1, 3) (a tenth of jobs exactly); Poisson arrivals scaled to the offered load. Same
 * options, same bytes.
 */
export function writeSyntheticSwf(path: string, options: SyntheticSwfOptions): void {
  const rng = seedrandom(options.seed);
  const load = options.load ?? 0.85;
  const maxLog = Math.log2(options.processors);
  const minRun = Math.log(10);
  const maxRun = Math.log(86_400);
  // Mean work per job (proc-seconds), estimated by sampling the same distributions with their own seed.
  const probe = seedrandom(`${options.seed}/probe`);
  let work = 0;
  const samples = 20_000;
  for (let i = 0; i < samples; i++) work += size(probe(), maxLog) * Math.exp(minRun + probe() * (maxRun - minRun));
  const meanGap = work / samples / (options.processors * load);

  const fd = openSync(path, 'w');
  const out: string[] = [
    '; Note: CraneLab synthetic benchmark trace',
    `; Note: seed ${options.seed}, load ${load}`,
    `; MaxJobs: ${options.jobs}`,
    `; MaxNodes: ${options.processors}`,
    `; MaxProcs: ${options.processors}`,
    '; UnixStartTime: 0',
  ];
  let t = 0;
  for (let id = 1; id <= options.jobs; id++) {
    t += -Math.log(1 - rng()) * meanGap;
    const procs = size(rng(), maxLog);
    const run = Math.max(1, Math.round(Math.exp(minRun + rng() * (maxRun - minRun))));
    const req = rng() < 0.1 ? run : Math.round(run * (1 + 2 * rng()));
    const user = 1 + Math.floor(rng() * 200);
    out.push(`${id} ${Math.floor(t)} -1 ${run} ${procs} -1 -1 ${procs} ${req} -1 1 ${user} ${1 + (user % 20)} -1 1 1 -1 -1`);
    if (out.length >= 10_000) writeSync(fd, out.splice(0).join('\n') + '\n');
  }
  writeSync(fd, out.join('\n') + '\n');
  closeSync(fd);
}

function size(u: number, maxLog: number): number {
  return 2 ** Math.floor(u * (maxLog + 1));
}
