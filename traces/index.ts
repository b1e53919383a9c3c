/** Workload readers at the edge: SWF today; GPU/AI traces and container workloads next. */
export { formatIssue, formatWarning, WarningTally, type InputIssue, type InputWarning } from './issue.js';
export { describeField, recordFrom, SWF_FIELDS, type SwfFieldName, type SwfRecord } from './swf/fields.js';
export { SwfHeaderBuilder, type SwfHeader } from './swf/header.js';
export { readSwf, type SwfReadOptions, type SwfReadResult, type SwfSummary } from './swf/reader.js';
export { mapSwfRecord, MISSING_ESTIMATE_MODES, type MissingEstimate, type SwfMappingNote, type SwfMappingOptions } from './swf/mapping.js';
export { loadSwfWorkload, type SwfLoadOptions, type SwfLoadResult, type SwfWorkload } from './swf/load.js';
