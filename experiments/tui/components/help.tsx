/** The `?` screen: the keys, the node legend, and what the speeds mean, cut to the space there is. */
import { Box, Text } from 'ink';
import type { ReactElement } from 'react';
import { KEY_HELP } from '../keys.js';
import { NODE_GLYPH } from '../node-grid.js';
import { NODE_STATES } from '../view-model.js';

/** Greedy word wrap to `width` columns (a word longer than the width is cut). */
export function wrapWords(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = '';
    }
    line = line === '' ? word.slice(0, Math.max(1, width)) : `${line} ${word}`;
  }
  if (line !== '') lines.push(line);
  return lines;
}

export function Help({ width, height }: { readonly width: number; readonly height: number }) {
  const inner = Math.max(1, width - 2);
  const keyWidth = Math.max(...KEY_HELP.map(([k]) => k.length)) + 2;
  const lines: ReactElement[] = [];
  const heading = (text: string): void => void lines.push(<Text key={`h${lines.length}`} bold color="cyan">{text}</Text>);
  const blank = (): void => void lines.push(<Text key={`b${lines.length}`}> </Text>);
  heading('keys (any key closes this help)');
  for (const [k, what] of KEY_HELP) {
    wrapWords(what, Math.max(1, inner - keyWidth)).forEach((part, i) =>
      lines.push(
        <Text key={`k${lines.length}`} wrap="truncate-end">
          <Text bold>{(i === 0 ? k : '').padEnd(keyWidth)}</Text>
          {part}
        </Text>,
      ),
    );
  }
  blank();
  heading('nodes');
  lines.push(
    <Text key="legend" wrap="truncate-end">
      {NODE_STATES.map((s) => (
        <Text key={s}>
          <Text color={NODE_GLYPH[s].color}>{NODE_GLYPH[s].char}</Text>
          {` ${NODE_GLYPH[s].label}  `}
        </Text>
      ))}
    </Text>,
  );
  for (const part of wrapWords('mixed: a node partly in use, or a grid cell of several nodes of which some are in use', inner)) {
    lines.push(<Text key={`m${lines.length}`} dimColor>{part}</Text>);
  }
  blank();
  heading('speed');
  for (const part of wrapWords('simulated time per wall second: 1x is real time, 1h/s an hour per second, max as fast as the machine goes', inner)) {
    lines.push(<Text key={`s${lines.length}`}>{part}</Text>);
  }
  return (
    <Box flexDirection="column" width={width} height={height} borderStyle="single" borderColor="cyan" overflow="hidden">
      {lines.slice(0, Math.max(0, height - 2))}
    </Box>
  );
}
