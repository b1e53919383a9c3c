/** The node grid pane: per partition a header with counts, then one coloured character per cell, then the legend. */
import { Text } from 'ink';
import type { TuiFrame } from '../controller.js';
import type { Size } from '../layout.js';
import { layoutGrid, legendLines, NODE_GLYPH } from '../node-grid.js';
import type { NodeState } from '../view-model.js';
import { innerWidth, Pane } from './pane.js';

export interface NodesPaneProps {
  readonly frame: TuiFrame;
  readonly size: Size;
  readonly bordered: boolean;
  readonly focused: boolean;
}

/** Runs of equal cells, so that a line is a handful of coloured segments rather than one per node. */
function runs(cells: readonly NodeState[]): { state: NodeState; text: string }[] {
  const out: { state: NodeState; text: string }[] = [];
  for (const c of cells) {
    const last = out[out.length - 1];
    if (last !== undefined && last.state === c) last.text += NODE_GLYPH[c].char;
    else out.push({ state: c, text: NODE_GLYPH[c].char });
  }
  return out;
}

export function NodesPane({ frame, size, bordered, focused }: NodesPaneProps) {
  const width = innerWidth(size, bordered);
  const inner = size.height - (bordered ? 2 : 0);
  // The legend's length depends on the scale; lay out once for the scale, then with the legend's real height.
  const first = layoutGrid(frame.snapshot, width, Math.max(1, inner - legendLines(1, width).length));
  const legendHeight = legendLines(first.perCell, width).length;
  const grid = layoutGrid(frame.snapshot, width, Math.max(1, inner - legendHeight));
  const legend = legendLines(grid.perCell, width);
  return (
    <Pane title="nodes" size={size} bordered={bordered} focused={focused}>
      {grid.lines.map((line, i) =>
        line.kind === 'header' ? (
          <Text key={i} bold wrap="truncate-end">{line.text}</Text>
        ) : (
          <Text key={i} wrap="truncate-end">
            {runs(line.cells).map((r, j) => (
              <Text key={j} color={NODE_GLYPH[r.state].color}>{r.text}</Text>
            ))}
          </Text>
        ),
      )}
      {Array.from({ length: Math.max(0, inner - legend.length - grid.lines.length) }, (_, i) => <Text key={`pad${i}`}> </Text>)}
      {legend.map((l, i) => (
        <Text key={`legend${i}`} dimColor wrap="truncate-end">{l}</Text>
      ))}
    </Pane>
  );
}
