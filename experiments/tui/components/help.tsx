/** The `?` screen: the keys, the node legend, and what the columns mean. */
import { Box, Text } from 'ink';
import { KEY_HELP } from '../keys.js';
import { NODE_GLYPH } from '../node-grid.js';
import { NODE_STATES } from '../view-model.js';

export function Help({ width, height }: { readonly width: number; readonly height: number }) {
  const keyWidth = Math.max(...KEY_HELP.map(([k]) => k.length)) + 2;
  return (
    <Box flexDirection="column" width={width} height={height} borderStyle="single" borderColor="cyan" overflow="hidden">
      <Text bold color="cyan">keys (any key closes this help)</Text>
      {KEY_HELP.map(([k, what]) => (
        <Text key={k} wrap="truncate-end">
          <Text bold>{k.padEnd(keyWidth)}</Text>
          {what}
        </Text>
      ))}
      <Text> </Text>
      <Text bold color="cyan">nodes</Text>
      <Text wrap="truncate-end">
        {NODE_STATES.map((s) => (
          <Text key={s}>
            <Text color={NODE_GLYPH[s].color}>{NODE_GLYPH[s].char}</Text>
            {` ${NODE_GLYPH[s].label}  `}
          </Text>
        ))}
      </Text>
      <Text dimColor wrap="truncate-end">mixed: a node partly in use, or a grid cell of several nodes of which some are in use</Text>
      <Text> </Text>
      <Text bold color="cyan">speed</Text>
      <Text wrap="truncate-end">simulated time per wall second: 1x is real time, 1h/s an hour per second, max as fast as the machine goes</Text>
    </Box>
  );
}
