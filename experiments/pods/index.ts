/** The Pods experiment: one container workload as one job per container vs container jobs reusing the Pod. */
export { comparisonMarkdown, COMPARISON_ROWS, overheadChart, runPodsExperiment, type PodsComparison, type PodsExperimentOptions } from './pods-experiment.js';
