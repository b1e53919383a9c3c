/** The terminal UI: watch a queue (a simulated replay today, a live controller later) as it runs. */
export type { AdvanceBudget, AdvanceResult, EventBatch, QueueSource, TimeBase } from './queue-source.js';
export type { JobRow, LogEntry, LogKind, NodeRow, NodeState, PartitionRow, PriorityInfo, QueueSnapshot, ReservationRow, StepRow } from './view-model.js';
export { CoreViewMapper, type SourceProgress } from './core-view.js';
export { replaySource, SimulationSource, type ReplaySourceOptions, type SimulationSourceOptions, type SourceResult } from './sim-source.js';
export { TuiController, type RunningLine, type Ticker, type TuiFrame } from './controller.js';
export { Playback, type Clock, type PlaybackOptions } from './playback.js';
export { initialUiState, reduce, ALL_PANES, type PaneCounts, type PaneId, type UiAction, type UiState } from './ui-state.js';
export { keyToAction, splitInput, KEY_HELP, type KeyContext } from './keys.js';
export { computeLayout, focusCycle, visibleRows, type Layout } from './layout.js';
export { parseFilter, matches, applyFilter, MATCH_ALL, type Filter } from './filter.js';
export { DEFAULT_SPEED, faster, formatSpeed, parseSpeed, slower, SPEED_LADDER, type Speed } from './speed.js';
export { TimeFormatter, shortDuration, slurmDuration } from './time-format.js';
export { compressNodeList, NodeNamer } from './node-list.js';
export { cellState, layoutGrid, legendLines, NODE_GLYPH } from './node-grid.js';
export { App, type AppProps } from './app.js';
export { intervalTicker, runTui, type RunTuiOptions } from './run.js';
