/** Seeded workload generators that write the container workload format. */
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
