/** A pane: a box of fixed size with its title in the top border (wide layout) or none (compact). */
import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import type { Size } from '../layout.js';

export interface PaneProps {
  readonly title: string;
  readonly size: Size;
  readonly bordered: boolean;
  readonly focused: boolean;
  readonly children?: ReactNode;
}

/**
 * The top border with the title in it, exactly `width` characters: `┌─ pending 12 ───┐`, or drawn
 * double when the pane has the focus (`╔═ pending 12 ═══╗`), so focus shows without colour too.
 */
export function titledBorder(title: string, width: number, focused = false): string {
  if (width < 2) return '';
  const [left, line, right] = focused ? ['╔', '═', '╗'] : ['┌', '─', '┐'];
  const inner = width - 2;
  const label = ` ${title} `;
  const shown = label.length + 1 > inner ? label.slice(0, Math.max(0, inner - 1)) : label;
  return `${left}${line}${shown}${line.repeat(Math.max(0, inner - 1 - shown.length))}${right}`.slice(0, width);
}

export function Pane({ title, size, bordered, focused, children }: PaneProps) {
  if (!bordered) {
    return (
      <Box flexDirection="column" width={size.width} height={size.height} overflow="hidden">
        {children}
      </Box>
    );
  }
  const color = focused ? 'cyan' : 'gray';
  return (
    <Box flexDirection="column" width={size.width} height={size.height}>
      <Text color={color} bold={focused} wrap="truncate-end">
        {titledBorder(title, size.width, focused)}
      </Text>
      <Box flexDirection="column" width={size.width} height={Math.max(0, size.height - 1)} borderStyle={focused ? 'double' : 'single'} borderTop={false} borderColor={color} overflow="hidden">
        {children}
      </Box>
    </Box>
  );
}

/** The selection marker column: `>` on the selected line of the focused pane. */
export const gutter = (selected: boolean): string => (selected ? '>' : ' ');

/** Inner width of a pane of outer `size`. */
export const innerWidth = (size: Size, bordered: boolean): number => Math.max(0, size.width - (bordered ? 2 : 0));
