/** Seeded workload generators: container workloads, and synthetic SWF traces for the benchmark. */
export { generatePipelineWorkload } from './pipeline.js';
export { splitPodJob, splitPodWorkload } from './split.js';
export {
  DEFAULT_PIPELINE_OPTIONS,
  resolvePipelineOptions,
  type ImageChoice,
  type PipelineOptions,
  type Range,
  type ShapeChoice,
} from './pipeline-options.js';
export { Draws } from './random.js';
export { writeSyntheticSwf, type SyntheticSwfOptions } from './synthetic-swf.js';
