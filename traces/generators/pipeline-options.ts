/**
 * Options of the pipeline generator, their defaults and their validation. Times are seconds,
 * memory MiB, as in the container workload format.
 */

export interface ImageChoice {
  readonly image: string;
  /** Size for the simulator's pull model, MiB. */
  readonly sizeMiB: number;
  readonly weight: number;
}

export interface ShapeChoice {
  /** CPUs per node (fractions to the thousandth). */
  readonly cpu: number;
  readonly memMiB: number;
  /** Whole GPUs per node. */
  readonly gpus: number;
  readonly weight: number;
}

export interface Range {
  readonly min: number;
  readonly max: number;
}

export interface PipelineOptions {
  /** Any string; the same seed and options give byte-identical output. */
  readonly seed: string;
  /** Number of jobs. */
  readonly jobs: number;
  /** Container steps per job, uniform in [min, max]. */
  readonly steps: Range;
  /** Nodes per job, uniform in [min, max]; each step takes 1..job nodes, uniformly. */
  readonly nodes: Range;
  /** Mean gap between submissions, s (exponential gaps: Poisson arrivals); 0 submits all at 0. */
  readonly meanInterarrival: number;
  /** Step run time, s, log-uniform in [min, max), rounded to whole seconds (at least 1). */
  readonly stepDuration: Range;
  readonly images: readonly ImageChoice[];
  readonly shapes: readonly ShapeChoice[];
  /**
   * How steps after the first are appended (weights): `after` the previous step ends, in `parallel`
   * with it, or at an `offset` in `offsetRange` s from the job start. The first step is `after`.
   */
  readonly append: { readonly after: number; readonly parallel: number; readonly offset: number };
  readonly offsetRange: Range;
  /** Probability that a step exits 1 instead of 0. */
  readonly failureRate: number;
  /** The batch script's own run time, s (it ends with `ccon wait`: waitForSteps). */
  readonly scriptDuration: number;
  /** Time limit = factor x (sum of step run times) + slack, rounded up to a whole minute. */
  readonly timeLimitFactor: number;
  readonly timeLimitSlack: number;
}

/**
 * Illustrative defaults. Image sizes are assumptions of the order `docker images` shows for these
 * tags (a few MiB for busybox and alpine, tens for slim Python, hundreds for full Python, GiB for
 * CUDA runtimes); change them with `images` to study a real catalogue.
 */
export const DEFAULT_PIPELINE_OPTIONS: Omit<PipelineOptions, 'seed'> = {
  jobs: 100,
  steps: { min: 2, max: 6 },
  nodes: { min: 1, max: 2 },
  meanInterarrival: 60,
  stepDuration: { min: 10, max: 1800 },
  images: [
    { image: 'busybox:1.36', sizeMiB: 2, weight: 2 },
    { image: 'alpine:3.19', sizeMiB: 3.4, weight: 3 },
    { image: 'python:3.11-slim', sizeMiB: 45, weight: 3 },
    { image: 'python:3.11', sizeMiB: 360, weight: 2 },
    { image: 'pytorch/pytorch:2.3.1-cuda12.1-cudnn8-runtime', sizeMiB: 3500, weight: 1 },
  ],
  shapes: [
    { cpu: 0.5, memMiB: 512, gpus: 0, weight: 2 },
    { cpu: 1, memMiB: 2048, gpus: 0, weight: 4 },
    { cpu: 4, memMiB: 8192, gpus: 0, weight: 3 },
    { cpu: 8, memMiB: 32_768, gpus: 1, weight: 1 },
  ],
  append: { after: 6, parallel: 3, offset: 1 },
  offsetRange: { min: 0, max: 600 },
  failureRate: 0,
  scriptDuration: 1,
  timeLimitFactor: 2,
  timeLimitSlack: 600,
};

/** Defaults filled in, then every field checked; issues name the option path. */
export function resolvePipelineOptions(
  given: Partial<PipelineOptions> & { readonly seed: string },
): { readonly ok: true; readonly value: PipelineOptions } | { readonly ok: false; readonly issues: readonly string[] } {
  const o: PipelineOptions = { ...DEFAULT_PIPELINE_OPTIONS, ...given };
  const issues: string[] = [];
  const need = (ok: boolean, path: string, expected: string, got: unknown): void => {
    if (!ok) issues.push(`${path}: expected ${expected}, got ${JSON.stringify(got)}`);
  };
  const int = (v: number, min: number): boolean => Number.isInteger(v) && v >= min;
  const num = (v: number, min: number): boolean => Number.isFinite(v) && v >= min;
  const range = (r: Range, path: string, isInt: boolean, min: number): void => {
    const check = isInt ? int : num;
    need(check(r.min, min), `${path}.min`, `${isInt ? 'an integer' : 'a number'} >= ${min}`, r.min);
    need(check(r.max, r.min), `${path}.max`, `${isInt ? 'an integer' : 'a number'} >= min (${r.min})`, r.max);
  };
  need(typeof o.seed === 'string' && o.seed.length > 0, 'seed', 'a non-empty string', o.seed);
  need(int(o.jobs, 0), 'jobs', 'an integer >= 0', o.jobs);
  range(o.steps, 'steps', true, 1);
  range(o.nodes, 'nodes', true, 1);
  need(num(o.meanInterarrival, 0), 'meanInterarrival', 'seconds >= 0', o.meanInterarrival);
  range(o.stepDuration, 'stepDuration', false, 1);
  need(o.images.length > 0, 'images', 'at least one image', o.images);
  o.images.forEach((im, i) => {
    need(im.image.length > 0, `images[${i}].image`, 'a non-empty string', im.image);
    need(Number.isFinite(im.sizeMiB) && im.sizeMiB > 0, `images[${i}].sizeMiB`, 'MiB > 0', im.sizeMiB);
    need(Number.isFinite(im.weight) && im.weight > 0, `images[${i}].weight`, 'a weight > 0', im.weight);
  });
  const names = o.images.map((im) => im.image);
  need(new Set(names).size === names.length, 'images', 'each image once', names);
  need(o.shapes.length > 0, 'shapes', 'at least one shape', o.shapes);
  o.shapes.forEach((s, i) => {
    need(Number.isFinite(s.cpu) && s.cpu > 0 && Math.abs(s.cpu * 1000 - Math.round(s.cpu * 1000)) < 1e-6, `shapes[${i}].cpu`, 'CPUs > 0 with at most 3 decimals', s.cpu);
    need(int(s.memMiB, 1), `shapes[${i}].memMiB`, 'an integer >= 1', s.memMiB);
    need(int(s.gpus, 0), `shapes[${i}].gpus`, 'an integer >= 0', s.gpus);
    need(Number.isFinite(s.weight) && s.weight > 0, `shapes[${i}].weight`, 'a weight > 0', s.weight);
  });
  const a = o.append;
  for (const k of ['after', 'parallel', 'offset'] as const) need(num(a[k], 0), `append.${k}`, 'a weight >= 0', a[k]);
  need(a.after + a.parallel + a.offset > 0, 'append', 'at least one weight > 0', a);
  range(o.offsetRange, 'offsetRange', false, 0);
  need(num(o.failureRate, 0) && o.failureRate <= 1, 'failureRate', 'a probability from 0 to 1', o.failureRate);
  need(num(o.scriptDuration, 0), 'scriptDuration', 'seconds >= 0', o.scriptDuration);
  need(num(o.timeLimitFactor, 1), 'timeLimitFactor', 'a number >= 1', o.timeLimitFactor);
  need(num(o.timeLimitSlack, 0), 'timeLimitSlack', 'seconds >= 0', o.timeLimitSlack);
  return issues.length > 0 ? { ok: false, issues } : { ok: true, value: o };
}
