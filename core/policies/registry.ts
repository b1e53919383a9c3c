import { conservative } from './conservative.js';
import { easy } from './easy.js';
import { fcfs } from './fcfs.js';
import type { BackfillFactory } from './types.js';

/**
 * Backfill policies by name. A researcher adds one by writing a file that implements
 * `BackfillPolicy` and registering its factory here; nothing else changes.
 */
export const backfillPolicies: Readonly<Record<string, BackfillFactory>> = {
  fcfs,
  easy,
  conservative,
};

export const backfillPolicyNames = (): string[] => Object.keys(backfillPolicies);
