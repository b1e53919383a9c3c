import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Debian's `chromium` (or $CHROMIUM). CI installs it with `apt-get install -y chromium`. */
export const CHROMIUM = process.env['CHROMIUM'] ?? 'chromium';

/**
 * Runs headless Chromium on a local file with a fresh profile, no network chatter and no sandbox
 * (containers run as root), and returns its stdout. `mode` is `--dump-dom` or `--screenshot=PATH`.
 */
export function headless(file: string, mode: string, windowSize = '1400,2000'): string {
  const profile = mkdtempSync(join(tmpdir(), 'cranelab-chromium-'));
  try {
    const r = spawnSync(
      CHROMIUM,
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        `--user-data-dir=${profile}`,
        `--window-size=${windowSize}`,
        mode,
        pathToFileURL(file).href,
      ],
      { encoding: 'utf8', timeout: 90_000, maxBuffer: 64 * 1024 * 1024 },
    );
    if (r.error !== undefined) throw new Error(`cannot run ${CHROMIUM} (install Debian's chromium: apt-get install -y chromium): ${r.error.message}`);
    if (r.status !== 0) throw new Error(`${CHROMIUM} exited with ${r.status}: ${r.stderr.slice(-2000)}`);
    return r.stdout;
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}
