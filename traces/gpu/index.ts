/** Importers of GPU/AI cluster traces (Alibaba cluster-trace-gpu-v2023, Pollux) into container jobs and clusters. */
export { summarizeGpuCluster, type GpuCluster, type GpuClusterSummary, type GpuNodeSpec } from './cluster.js';
export { ALIBABA_NODE_COLUMNS, loadAlibabaNodes, type AlibabaNodesResult } from './alibaba-nodes.js';
export { ALIBABA_POD_COLUMNS, ALIBABA_QOS, loadAlibabaPods, type AlibabaPodCounts, type AlibabaPodOptions, type AlibabaPodsResult } from './alibaba-pods.js';
export { loadPolluxWorkload, POLLUX_COLUMNS, type PolluxOptions, type PolluxResult } from './pollux.js';
export { POLLUX_APPLICATIONS, POLLUX_REPLICA, polluxDuration, polluxLayout, type PolluxApplication } from './pollux-model.js';
export { MIN_TIME_LIMIT, timeLimitFor } from './common.js';
