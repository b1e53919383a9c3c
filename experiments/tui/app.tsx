/**
 * The screen. It renders the controller's frames and turns key presses into actions; the ticker that
 * drives the replay and the clock that paces it are injected, so a test can run it frame by frame.
 */
import { Box, Text, useApp, useInput, useStdout } from 'ink';
import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { Footer } from './components/footer.js';
import { Help } from './components/help.js';
import { PendingPane, RunningPane } from './components/job-panes.js';
import { LogPane } from './components/log-pane.js';
import { NodesPane } from './components/nodes-pane.js';
import { StatusBar, utilization } from './components/status-bar.js';
import type { Ticker, TuiController, TuiFrame } from './controller.js';
import { keyToAction, splitInput } from './keys.js';
import { computeLayout, focusCycle, paneSize, SMALLEST, visibleRows, type Layout } from './layout.js';
import { TimeFormatter } from './time-format.js';
import type { QueueSource } from './queue-source.js';
import type { PaneId } from './ui-state.js';

export interface AppProps {
  readonly controller: TuiController;
  readonly ticker: Ticker;
  readonly source: Pick<QueueSource, 'title' | 'timeBase'>;
}

interface TerminalSize {
  readonly columns: number;
  readonly rows: number;
}

/** The terminal's size, updated on resize; 80x24 when the stream does not say. */
export function useTerminalSize(): TerminalSize {
  const { stdout } = useStdout();
  const read = (): TerminalSize => ({ columns: stdout.columns || 80, rows: stdout.rows || 24 });
  const [size, setSize] = useState(read);
  useEffect(() => {
    const onResize = (): void => setSize(read());
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout]);
  return size;
}

export function App({ controller, ticker, source }: AppProps) {
  const frame = useSyncExternalStore(controller.subscribe, controller.getFrame);
  const size = useTerminalSize();
  const { exit } = useApp();
  const time = useMemo(() => new TimeFormatter(source.timeBase), [source.timeBase]);
  const layout = computeLayout(size.columns, size.rows);

  useEffect(() => ticker.start(() => controller.tick()), [ticker, controller]);
  useEffect(() => {
    if (frame.ui.quit) exit();
  }, [frame.ui.quit, exit]);
  useInput((input, key) => {
    for (const [ch, k] of splitInput(input, key)) {
      const ui = controller.getFrame().ui;
      const action = keyToAction(ch, k, ui, { page: visibleRows(layout, ui.focus), cycle: focusCycle(layout) });
      if (action !== null) controller.dispatch(action);
    }
  });

  if (layout.kind === 'too-small') {
    return (
      <Box flexDirection="column" height={layout.height}>
        <Text wrap="truncate-end">terminal too small:</Text>
        <Text wrap="truncate-end">{`${size.columns}x${size.rows}, needs ${SMALLEST.columns}x${SMALLEST.rows}`}</Text>
        <Text wrap="truncate-end">q quits</Text>
      </Box>
    );
  }
  const compact = layout.kind === 'compact';
  const bodyHeight = layout.height - 3;
  return (
    <Box flexDirection="column" width={layout.columns} height={layout.height}>
      <StatusBar frame={frame} title={source.title} time={time} width={layout.columns} compact={compact} />
      {frame.ui.help ? <Help width={layout.columns} height={bodyHeight} /> : <Body frame={frame} layout={layout} time={time} />}
      <Footer ui={frame.ui} width={layout.columns} />
    </Box>
  );
}

function Body({ frame, layout, time }: { readonly frame: TuiFrame; readonly layout: Layout; readonly time: TimeFormatter }) {
  const ctx = { cursor: frame.cursor, time };
  const pane = (id: PaneId) => {
    const { size, bordered } = paneSize(layout, id);
    const focused = frame.ui.focus === id;
    const rows = visibleRows(layout, id);
    switch (id) {
      case 'pending':
        return <PendingPane frame={frame} size={size} bordered={bordered} focused={focused} rows={rows} ctx={ctx} />;
      case 'running':
        return <RunningPane frame={frame} size={size} bordered={bordered} focused={focused} rows={rows} ctx={ctx} />;
      case 'log':
        return <LogPane frame={frame} size={size} bordered={bordered} focused={focused} rows={rows} time={time} />;
      case 'nodes':
        return <NodesPane frame={frame} size={size} bordered={bordered} focused={focused} />;
    }
  };
  if (layout.kind === 'wide') {
    return (
      <Box flexDirection="column">
        <Box flexDirection="row">
          {pane('nodes')}
          {pane('running')}
        </Box>
        {pane('pending')}
        {pane('log')}
      </Box>
    );
  }
  return (
    <Box flexDirection="column">
      <TabBar frame={frame} />
      {pane(frame.ui.focus)}
    </Box>
  );
}

/** Compact layout: which pane is shown, with counts, and the node summary. */
function TabBar({ frame }: { readonly frame: TuiFrame }) {
  const util = utilization(frame);
  const tabs: [PaneId, string][] = [
    ['pending', `pending ${frame.pending.length}`],
    ['running', `running ${frame.runningJobs}`],
    ['log', 'events'],
    ['nodes', `nodes ${util.busyNodes}/${util.nodes}`],
  ];
  return (
    <Text wrap="truncate-end">
      {tabs.map(([id, label]) => (
        <Text key={id} inverse={frame.ui.focus === id} bold={frame.ui.focus === id}>{` ${label} `}</Text>
      ))}
    </Text>
  );
}
