/**
 * Runs the TUI on the real terminal: the alternate screen while it runs, the terminal as it was
 * afterwards (also when the process is ended by a signal or an error).
 */
import { render } from 'ink';
import { App } from './app.js';
import { TuiController, type Ticker } from './controller.js';
import type { QueueSource } from './queue-source.js';

const ENTER_ALT_SCREEN = '\u001B[?1049h\u001B[H';
const LEAVE_ALT_SCREEN = '\u001B[?1049l';
const SHOW_CURSOR = '\u001B[?25h';

export interface RunTuiOptions {
  readonly speed: number;
  readonly paused?: boolean;
  /** Wall ms between replay slices and redraws (default 100: at most 10 frames a second). */
  readonly tickMs?: number;
}

/** A ticker on setInterval. */
export function intervalTicker(ms: number): Ticker {
  return {
    start(onTick) {
      const handle = setInterval(onTick, ms);
      return () => clearInterval(handle);
    },
  };
}

/** Shows `source` until the user quits; resolves once the terminal is restored. */
export async function runTui(source: QueueSource, options: RunTuiOptions): Promise<void> {
  const tickMs = options.tickMs ?? 100;
  const controller = TuiController.create(source, () => performance.now(), {
    speed: options.speed,
    tickMs,
    ...(options.paused === undefined ? {} : { paused: options.paused }),
  });
  const out = process.stdout;
  let restored = false;
  const restore = (): void => {
    if (restored) return;
    restored = true;
    out.write(SHOW_CURSOR + LEAVE_ALT_SCREEN);
  };
  out.write(ENTER_ALT_SCREEN);
  process.once('exit', restore);
  const app = render(<App controller={controller} ticker={intervalTicker(tickMs)} source={source} />, {
    exitOnCtrlC: false, // ctrl-c is a key like q: the app unmounts and the terminal is restored
    maxFps: Math.max(1, Math.round(1000 / tickMs)),
  });
  const onSignal = (): void => app.unmount();
  process.once('SIGTERM', onSignal);
  process.once('SIGHUP', onSignal);
  try {
    await app.waitUntilExit();
  } finally {
    process.off('SIGTERM', onSignal);
    process.off('SIGHUP', onSignal);
    app.cleanup();
    restore();
    process.off('exit', restore);
  }
}
