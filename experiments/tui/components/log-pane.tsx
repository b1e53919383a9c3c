/** The event log, newest first: submissions, starts, ends, and (as the core grows) preemptions, reservation boundaries and node failures. */
import { Text } from 'ink';
import { assertNever } from '../../../core/index.js';
import type { TuiFrame } from '../controller.js';
import type { Size } from '../layout.js';
import { windowStart } from '../table.js';
import type { TimeFormatter } from '../time-format.js';
import type { LogKind } from '../view-model.js';
import { gutter, innerWidth, Pane } from './pane.js';

export function kindStyle(kind: LogKind): { readonly label: string; readonly color: string } {
  switch (kind) {
    case 'submitted':
      return { label: 'submit', color: 'white' };
    case 'rejected':
      return { label: 'reject', color: 'red' };
    case 'started':
      return { label: 'start', color: 'green' };
    case 'ended':
      return { label: 'end', color: 'blue' };
    case 'preempted':
      return { label: 'preempt', color: 'magenta' };
    case 'reservation-start':
      return { label: 'resv+', color: 'cyan' };
    case 'reservation-end':
      return { label: 'resv-', color: 'cyan' };
    case 'node-down':
      return { label: 'down', color: 'red' };
    case 'node-up':
      return { label: 'up', color: 'green' };
    case 'node-drained':
      return { label: 'drain', color: 'magenta' };
    case 'admin':
      return { label: 'admin', color: 'yellow' };
    default:
      return assertNever(kind, 'log kind');
  }
}

export interface LogPaneProps {
  readonly frame: TuiFrame;
  readonly size: Size;
  readonly bordered: boolean;
  readonly focused: boolean;
  readonly rows: number;
  readonly time: TimeFormatter;
}

export function LogPane({ frame, size, bordered, focused, rows, time }: LogPaneProps) {
  const width = innerWidth(size, bordered);
  const list = frame.log;
  const selected = Math.min(frame.ui.selected.log, Math.max(0, list.length - 1));
  const start = windowStart(selected, list.length, rows);
  const shown = list.slice(start, start + rows);
  const dropped = frame.logDropped > 0 ? `, ${frame.logDropped.toLocaleString('en-US')} not shown at this speed` : '';
  return (
    <Pane title={`events (newest first${dropped})`} size={size} bordered={bordered} focused={focused}>
      {shown.length === 0 ? <Text dimColor>{frame.ui.filter.terms.length > 0 ? 'no event matches the filter' : 'no events yet'}</Text> : null}
      {shown.map((e, i) => {
        const style = kindStyle(e.kind);
        return (
          <Text key={e.seq} inverse={focused && start + i === selected} wrap="truncate-end">
            {gutter(focused && start + i === selected)}
            <Text dimColor>{time.stamp(e.time)} </Text>
            <Text color={style.color}>{style.label.padEnd(7)} </Text>
            <Text>{e.text.slice(0, Math.max(0, width))}</Text>
          </Text>
        );
      })}
    </Pane>
  );
}
