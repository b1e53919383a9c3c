#!/usr/bin/env node
import './v8-tuning.js'; // first: before any hot code is compiled
import { exitWhenFlushed } from './exit.js';
import { replayCommand, REPLAY_USAGE } from './replay-command.js';
import { MAIN_USAGE, UsageError } from './usage.js';

/** The `cranelab` command: dispatches to subcommands; exit 2 for a bad command line, 1 for bad input. */
export async function main(argv: readonly string[]): Promise<number> {
  const io = { out: (l: string) => console.log(l), err: (l: string) => console.error(l) };
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'replay':
        return await replayCommand(rest, io);
      case 'experiment': // loaded on demand: d3 and the report are only needed here
        return await (await import('./experiment-command.js')).experimentCommand(rest, io);
      case 'tui': // loaded on demand: ink and React are only needed here
        return await (await import('./tui-command.js')).tuiCommand(rest, io);
      case 'pods': // loaded on demand: d3 is only needed here
        return await (await import('./pods-command.js')).podsCommand(rest, io);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.out(await usageOf(rest[0]));
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown command '${command}'`);
    }
  } catch (e) {
    if (e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS') === true) {
      io.err(`cranelab: ${(e as Error).message}`);
      io.err(`Run 'cranelab help' for usage.`);
      return 2;
    }
    throw e;
  }
}

/** A command's usage text (the experiment and TUI modules load only when asked for). */
async function usageOf(command: string | undefined): Promise<string> {
  switch (command) {
    case 'replay':
      return REPLAY_USAGE;
    case 'experiment':
      return (await import('./experiment-command.js')).EXPERIMENT_USAGE;
    case 'tui':
      return (await import('./tui-command.js')).TUI_USAGE;
    case 'pods':
      return (await import('./pods-command.js')).PODS_USAGE;
    default:
      return MAIN_USAGE;
  }
}

exitWhenFlushed(await main(process.argv.slice(2)));
