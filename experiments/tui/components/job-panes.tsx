/** The pending queue (`cqueue -t pending`) and the running jobs, with their Pods and steps. */
import { Text } from 'ink';
import type { RunningLine, TuiFrame } from '../controller.js';
import { PENDING_COLUMNS, priorityText, RUNNING_COLUMNS, type JobCellContext } from '../job-columns.js';
import type { Size } from '../layout.js';
import { cell, fitColumns, headerLine, rowLine, windowStart, type FittedColumn } from '../table.js';
import { slurmDuration } from '../time-format.js';
import type { JobRow } from '../view-model.js';
import { gutter, innerWidth, Pane } from './pane.js';

export interface JobPaneProps {
  readonly frame: TuiFrame;
  readonly size: Size;
  readonly bordered: boolean;
  readonly focused: boolean;
  /** Content lines shown at once (below the header). */
  readonly rows: number;
  readonly ctx: JobCellContext;
}

const countLabel = (shown: number, all: number): string => (shown === all ? `${shown}` : `${shown} of ${all}`);

/** The detail line under the pending table: the selected job's reason, expected start and priority. */
export function pendingDetail(job: JobRow | undefined, ctx: JobCellContext): string {
  if (job === undefined) return '';
  const start = job.expectedStart === null ? 'no planned start' : `expected start ${ctx.time.short(job.expectedStart)}`;
  const p = job.priority;
  const priority =
    p === null ? 'priority -'
    : p.factors.length === 0 ? `priority ${priorityText(p)}`
    : `priority ${priorityText(p)} (${p.factors.map((f) => `${f.name} ${f.value.toFixed(2)}`).join(', ')})`;
  return `job ${job.id}: ${job.pendingReason ?? 'no reason'}, ${start}, waiting ${slurmDuration(ctx.cursor - job.submitTime)}; ${priority}`;
}

export function PendingPane({ frame, size, bordered, focused, rows, ctx }: JobPaneProps) {
  const width = innerWidth(size, bordered) - 1; // - the selection gutter
  const fitted = fitColumns(PENDING_COLUMNS, width);
  const list = frame.pending;
  const selected = Math.min(frame.ui.selected.pending, Math.max(0, list.length - 1));
  const start = windowStart(selected, list.length, rows);
  const shown = list.slice(start, start + rows);
  const empty = frame.ui.filter.terms.length > 0 ? 'no pending job matches the filter' : 'no pending jobs';
  return (
    <Pane title={`pending ${countLabel(list.length, frame.snapshot.pending.length)}`} size={size} bordered={bordered} focused={focused}>
      <Text bold wrap="truncate-end">{` ${headerLine(fitted)}`}</Text>
      {shown.length === 0 ? <Text dimColor>{` ${cell(empty, width)}`}</Text> : null}
      {shown.map((job, i) => (
        <Text key={start + i} inverse={focused && start + i === selected} wrap="truncate-end">
          {gutter(focused && start + i === selected)}
          {rowLine(fitted, job, ctx)}
        </Text>
      ))}
      {Array.from({ length: Math.max(0, rows - Math.max(1, shown.length)) }, (_, i) => <Text key={`pad${i}`}> </Text>)}
      <Text dimColor wrap="truncate-end">{` ${pendingDetail(list[selected], ctx)}`}</Text>
    </Pane>
  );
}

function runningText(line: RunningLine, fitted: readonly FittedColumn<JobRow, JobCellContext>[], ctx: JobCellContext, width: number): string {
  switch (line.kind) {
    case 'job':
      return rowLine(fitted, line.job, ctx);
    case 'pod':
      return cell(`  └ pod ${line.state}`, width);
    case 'step':
      return cell(`  └ step ${line.step.id} ${line.step.name} ${line.step.state} ${line.step.nodes}`, width);
  }
}

export function RunningPane({ frame, size, bordered, focused, rows, ctx }: JobPaneProps) {
  const width = innerWidth(size, bordered) - 1; // - the selection gutter
  const fitted = fitColumns(RUNNING_COLUMNS, width);
  const list = frame.running;
  const selected = Math.min(frame.ui.selected.running, Math.max(0, list.length - 1));
  const start = windowStart(selected, list.length, rows);
  const shown = list.slice(start, start + rows);
  const empty = frame.ui.filter.terms.length > 0 ? 'no running job matches the filter' : 'no running jobs';
  return (
    <Pane title={`running ${countLabel(frame.runningJobs, frame.snapshot.running.length)}`} size={size} bordered={bordered} focused={focused}>
      <Text bold wrap="truncate-end">{` ${headerLine(fitted)}`}</Text>
      {shown.length === 0 ? <Text dimColor>{` ${cell(empty, width)}`}</Text> : null}
      {shown.map((line, i) => (
        <Text key={start + i} inverse={focused && start + i === selected} wrap="truncate-end">
          {gutter(focused && start + i === selected)}
          {runningText(line, fitted, ctx, width)}
        </Text>
      ))}
    </Pane>
  );
}
