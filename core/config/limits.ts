import type { Millis } from '../model/time.js';
import { failed, parsed, type ConfigPath, type Issues, type Parsed } from './issues.js';
import { parseInteger, type PlainMap } from './read.js';
import { parseTres, type Tres } from './tres.js';
import { parseCpuMilli, parseDuration } from './units.js';

/**
 * Limits are tables of fields: the YAML key (CraneSched's `cacctmgr` name), the property, and a
 * parser. A parser yields `null` for "unlimited"; an absent key is unlimited too. The same table
 * reads a definition (accounts file) and a patch (a timed admin change in a scenario).
 */
export interface LimitField<P extends string> {
  readonly key: string;
  readonly prop: P;
  readonly parse: (v: unknown) => Parsed<number | Tres | null>;
}

/** A count limit (jobs): a non-negative integer, or `unlimited`. */
export const countLimit = (v: unknown): Parsed<number | null> => (v === 'unlimited' ? parsed(null) : parseInteger(v));

/** A cumulative wall-time budget (`MaxWall`): a duration; 0 or `unlimited` means unlimited, as in CraneSched. */
export const wallBudget = (v: unknown): Parsed<Millis | null> => {
  if (v === 'unlimited') return parsed(null);
  const r = parseDuration(v);
  return r.ok && r.value === 0 ? parsed(null) : r;
};

/** A per-job time limit: a positive duration, or `unlimited`. */
export const perJobTime = (v: unknown): Parsed<Millis | null> => {
  if (v === 'unlimited') return parsed(null);
  const r = parseDuration(v);
  return r.ok && r.value === 0 ? failed('expected a positive duration (omit the key for no limit), got 0') : r;
};

export const cpuLimit = (v: unknown): Parsed<number | null> => (v === 'unlimited' ? parsed(null) : parseCpuMilli(v, { allowZero: true }));
export const tresLimit = (v: unknown): Parsed<Tres | null> => (v === 'unlimited' ? parsed(null) : parseTres(v));

/**
 * Reads the fields of `table` present in `map`. As a definition (`patch` false) the result omits
 * unlimited fields; as a patch it keeps them as `null` ("remove this limit").
 */
export function readLimitFields<P extends string>(
  issues: Issues,
  path: ConfigPath,
  map: PlainMap,
  table: readonly LimitField<P>[],
  patch: boolean,
): Record<string, number | Tres | null> | undefined {
  const out: Record<string, number | Tres | null> = {};
  let ok = true;
  for (const f of table) {
    const v = map[f.key];
    if (v === undefined) continue;
    const r = v === null ? parsed(null) : f.parse(v);
    if (!r.ok) {
      issues.error([...path, f.key], r.message);
      ok = false;
    } else if (r.value !== null || patch) out[f.prop] = r.value;
  }
  return ok ? out : undefined;
}

/**
 * Limits of an account or a user within one partition (CraneSched `PartitionResourceLimit`, set with
 * `cacctmgr modify account|user ... Partition=P set ...`). A partition limit is skipped where the
 * job's QoS already limits the same dimension (§4.4). Absent fields are unlimited.
 */
export interface PartitionLimits {
  /** `MaxJobs`: running jobs. */
  readonly maxJobs?: number;
  /** `MaxSubmitJobs`: pending + running jobs. */
  readonly maxSubmitJobs?: number;
  /** `MaxTres`: resources of all running jobs together. */
  readonly maxTres?: Tres;
  /** `MaxTresPerJob`: resources of one job (checked at submission). */
  readonly maxTresPerJob?: Tres;
  /** `MaxWall`: sum of the time limits of running jobs, ms. */
  readonly maxWall?: Millis;
  /** `MaxWallPerJob`: one job's time limit, ms (checked at submission). */
  readonly maxWallPerJob?: Millis;
}

export const PARTITION_LIMIT_FIELDS: readonly LimitField<keyof PartitionLimits>[] = [
  { key: 'MaxJobs', prop: 'maxJobs', parse: countLimit },
  { key: 'MaxSubmitJobs', prop: 'maxSubmitJobs', parse: countLimit },
  { key: 'MaxTres', prop: 'maxTres', parse: tresLimit },
  { key: 'MaxTresPerJob', prop: 'maxTresPerJob', parse: tresLimit },
  { key: 'MaxWall', prop: 'maxWall', parse: wallBudget },
  { key: 'MaxWallPerJob', prop: 'maxWallPerJob', parse: perJobTime },
];

/** A change to partition limits: a value sets a limit, `null` removes it, an absent field is kept. */
export type PartitionLimitsPatch = { readonly [K in keyof PartitionLimits]?: PartitionLimits[K] | null };

/** Applies a patch (pure): the result has the patch's values, without the removed limits. */
export function applyLimitsPatch<T extends object>(base: T, patch: { readonly [K in keyof T]?: T[K] | null }): T {
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else if (v !== undefined) out[k] = v;
  }
  return out as T;
}
