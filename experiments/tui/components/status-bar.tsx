/** Two status lines: where the replay is (date, state, speed) and what the queue looks like. */
import { Box, Text } from 'ink';
import type { TuiFrame } from '../controller.js';
import { formatSpeed } from '../speed.js';
import type { TimeFormatter } from '../time-format.js';

export interface StatusBarProps {
  readonly frame: TuiFrame;
  readonly title: string;
  readonly time: TimeFormatter;
  readonly width: number;
  readonly compact: boolean;
}

const n = (x: number): string => Math.round(x).toLocaleString('en-US');

/** Share of all CPUs in use, 0..1 (0 for an empty cluster). */
export function utilization(frame: TuiFrame): { readonly share: number; readonly busyNodes: number; readonly nodes: number } {
  let used = 0;
  let total = 0;
  let busy = 0;
  for (const node of frame.snapshot.nodes) {
    used += Math.min(node.cpuUsedMilli, node.cpuTotalMilli);
    total += node.cpuTotalMilli;
    if (node.cpuUsedMilli > 0) busy++;
  }
  return { share: total > 0 ? used / total : 0, busyNodes: busy, nodes: frame.snapshot.nodes.length };
}

export function playState(frame: TuiFrame): { readonly label: string; readonly color: string } {
  if (frame.live) return frame.ui.paused ? { label: 'LIVE (frozen)', color: 'yellow' } : { label: 'LIVE', color: 'green' };
  if (frame.done) return { label: 'DONE', color: 'magenta' };
  return frame.ui.paused ? { label: 'PAUSED', color: 'yellow' } : { label: 'PLAYING', color: 'green' };
}

export function StatusBar({ frame, title, time, width, compact }: StatusBarProps) {
  const { snapshot, ui } = frame;
  const state = playState(frame);
  const util = utilization(frame);
  const date = `${time.dateTime(frame.cursor)}${time.zoneLabel === '' ? '' : ` ${time.zoneLabel}`}`;
  const speed = frame.live ? '' : ` ${formatSpeed(ui.speed)}`;
  const filtered = ui.filter.terms.length > 0;
  const pendingShown = filtered ? ` (${n(frame.pending.length)} shown)` : '';
  const runningShown = filtered ? ` (${n(frame.runningJobs)} shown)` : '';
  const p = snapshot.progress;
  const jobs = p.total === null ? `${n(p.finished)} finished` : `${n(p.finished)}/${n(p.total)} finished`;
  const line2 = compact
    ? `run ${n(snapshot.running.length)}  pend ${n(snapshot.pending.length)}  util ${(util.share * 100).toFixed(0)}%  ${n(frame.eventsPerSecond)} ev/s  ${jobs}`
    : `running ${n(snapshot.running.length)}${runningShown}  pending ${n(snapshot.pending.length)}${pendingShown}  ` +
      `util ${(util.share * 100).toFixed(1)}% (${n(util.busyNodes)}/${n(util.nodes)} nodes)  ${n(frame.eventsPerSecond)} events/s  ` +
      `${jobs}  rejected ${n(p.rejected)}`;
  return (
    <Box flexDirection="column" width={width} height={2}>
      <Text wrap="truncate-end">
        <Text bold color="cyan">{compact ? '' : 'CraneLab  '}</Text>
        <Text>{title}  </Text>
        <Text bold>{date}  </Text>
        <Text bold color={state.color} inverse>{` ${state.label}${speed} `}</Text>
      </Text>
      <Text wrap="truncate-end">{line2}</Text>
    </Box>
  );
}
