import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root and the `shared/` folder CI lays beside the checkout. */
export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const sharedDir = process.env['CRANELAB_SHARED'] ?? join(repoRoot, '..', 'shared');
export const shared = (...parts: string[]): string => join(sharedDir, ...parts);

if (!existsSync(sharedDir)) {
  throw new Error(`the shared folder is not at ${sharedDir}: golden tests need it (set CRANELAB_SHARED)`);
}
