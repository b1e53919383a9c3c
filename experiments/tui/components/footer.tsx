/** The bottom line: the filter being typed, the filter in force, or the main keys. */
import { Text } from 'ink';
import type { UiState } from '../ui-state.js';

export const KEY_HINTS = 'space pause  +/- speed  n next  tab pane  j/k move  / filter  ? help  q quit';

export function Footer({ ui, width }: { readonly ui: UiState; readonly width: number }) {
  if (ui.draft !== null) {
    return (
      <Text wrap="truncate-end">
        <Text bold color="cyan">filter /</Text>
        <Text>{ui.draft}</Text>
        <Text inverse> </Text>
        {ui.filterError === null ? <Text dimColor>  enter apply  esc cancel  (user=, account=, partition=, NAME, prefix*)</Text> : <Text color="red">  {ui.filterError}</Text>}
      </Text>
    );
  }
  if (ui.filter.terms.length > 0) {
    return (
      <Text wrap="truncate-end">
        <Text bold color="yellow">filter: {ui.filter.text}</Text>
        <Text dimColor>{`  (esc clears)  ${KEY_HINTS}`.slice(0, Math.max(0, width))}</Text>
      </Text>
    );
  }
  return <Text dimColor wrap="truncate-end">{KEY_HINTS}</Text>;
}
