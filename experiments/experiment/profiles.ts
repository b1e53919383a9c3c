import { parseDuration } from '../../core/config/index.js';
import { DEFAULT_DECAY_HALF_LIFE_MS, makeProfile, plannerNames, type SchedulingProfile } from '../../core/index.js';
import type { Fields, FieldPath } from './yaml-fields.js';

/**
 * A scheduling profile as an experiment names it: a display name plus one choice per policy axis.
 * This file is the ONE place that knows the axes: adding an axis (priority, node selection,
 * preemption, ...) or a preset means adding it to `ProfileSpec`, `PROFILE_PRESETS`, `readProfile`
 * and `resolveProfile` below; the runner, cache key and report pick it up unchanged (the whole
 * spec is hashed into the cache key and shown in the report).
 */
export interface ProfileSpec {
  readonly name: string;
  /**
   * Planner, by its name in core's registry: `fcfs`, `easy`, `conservative` (whole nodes,
   * submission order) or `cranesched` (CraneSched's planning backfill, queue ordered as the
   * cluster's PriorityType says).
   */
  readonly backfill: string;
  /**
   * The multifactor fair-share source (cranesched only): `running` (CraneSched's, the default when
   * absent) or `decayed` (historical usage with `halfLife`, over the scenario's account tree). It
   * needs a scenario whose cluster orders by `priority/multifactor` with `PriorityWeightFairShare`
   * > 0; elsewhere the run fails with a message rather than silently changing nothing.
   */
  readonly fairShare?: 'running' | 'decayed';
  /** `decayed` only: the usage half-life, ms (default 7 days, Slurm's `PriorityDecayHalfLife`). */
  readonly halfLife?: number;
}

/** The axes of a profile without its name. */
export type ProfileAxes = Omit<ProfileSpec, 'name'>;

/** Named profiles an experiment may list by name alone (`profiles: [fcfs, easy]`). */
export const PROFILE_PRESETS: Readonly<Record<string, ProfileAxes>> = {
  fcfs: { backfill: 'fcfs' },
  easy: { backfill: 'easy' },
  conservative: { backfill: 'conservative' },
  cranesched: { backfill: 'cranesched' },
  'cranesched-decayed': { backfill: 'cranesched', fairShare: 'decayed', halfLife: DEFAULT_DECAY_HALF_LIFE_MS },
};

const PROFILE_FIELDS = ['name', 'preset', 'backfill', 'fairShare', 'halfLife'] as const;
const FAIR_SHARES = ['running', 'decayed'] as const;

/**
 * Reads one `profiles[i]` entry: a preset name, or a mapping with `name` and either `preset` or the
 * axes (an axis given next to a preset overrides the preset's choice).
 */
export function readProfile(value: unknown, path: FieldPath, f: Fields): ProfileSpec | undefined {
  if (typeof value === 'string') {
    const preset = PROFILE_PRESETS[value];
    if (preset === undefined) return f.problem(path, `unknown profile preset '${value}'; known: ${Object.keys(PROFILE_PRESETS).join(', ')}`);
    return { name: value, ...preset };
  }
  const m = f.map(value, path, PROFILE_FIELDS);
  if (m === undefined) return undefined;
  const name = f.string(m['name'], [...path, 'name']);
  let axes: { -readonly [K in keyof ProfileAxes]?: ProfileAxes[K] } = {};
  if (m['preset'] !== undefined) {
    const presetName = f.oneOf(m['preset'], [...path, 'preset'], Object.keys(PROFILE_PRESETS));
    if (presetName === undefined) return undefined;
    axes = { ...PROFILE_PRESETS[presetName]! };
  }
  if (m['backfill'] !== undefined) {
    const names = plannerNames();
    const backfill = f.oneOf(m['backfill'], [...path, 'backfill'], names);
    if (backfill === undefined) return undefined;
    axes.backfill = backfill;
  }
  if (m['fairShare'] !== undefined) {
    const fairShare = f.oneOf(m['fairShare'], [...path, 'fairShare'], FAIR_SHARES);
    if (fairShare === undefined) return undefined;
    axes.fairShare = fairShare;
    if (fairShare === 'running') delete axes.halfLife;
    else axes.halfLife ??= DEFAULT_DECAY_HALF_LIFE_MS;
  }
  if (m['halfLife'] !== undefined) {
    const parsed = parseDuration(m['halfLife']);
    if (!parsed.ok) return f.problem([...path, 'halfLife'], parsed.message);
    if (parsed.value <= 0) return f.problem([...path, 'halfLife'], 'expected a duration > 0');
    if (axes.fairShare !== 'decayed') return f.problem([...path, 'halfLife'], "a half-life needs 'fairShare: decayed'");
    axes.halfLife = parsed.value;
  }
  if (axes.backfill === undefined) return f.problem([...path, 'backfill'], `missing: give 'backfill' (${plannerNames().join(', ')}) or a 'preset'`);
  if (axes.fairShare === 'decayed' && axes.backfill !== 'cranesched') return f.problem([...path, 'fairShare'], `decayed fair share orders the cranesched planner's queue; backfill is '${axes.backfill}'`);
  if (name === undefined) return undefined;
  return { name, ...axes, backfill: axes.backfill };
}

/** What the simulator needs for a profile: the planner and queue order, fresh for each run. */
export type ResolvedProfile = SchedulingProfile;

/**
 * Builds a profile's policy objects for a plain trace. Throws only for a spec that skipped
 * `readProfile` (a bug); a run checks `traceProfileProblem` first.
 */
export function resolveProfile(spec: ProfileSpec): ResolvedProfile {
  const profile = makeProfile(spec.backfill);
  if (profile === undefined) throw new Error(`profile '${spec.name}': unknown planner '${spec.backfill}'`);
  return profile;
}

/**
 * Why a profile cannot run a plain trace, or null: a trace has no accounts and its machine orders
 * by submission (priority/basic), so decayed fair share would change nothing.
 */
export function traceProfileProblem(spec: ProfileSpec): string | null {
  return spec.fairShare === 'decayed'
    ? `profile '${spec.name}': fairShare: decayed needs a scenario whose cluster orders by priority/multifactor with PriorityWeightFairShare > 0; a plain trace runs in submission order`
    : null;
}

/** The scenario override of a profile's fair-share axes, if it sets them. */
export function fairShareSetting(spec: ProfileSpec): { readonly type: 'running' } | { readonly type: 'decayed'; readonly halfLifeMs: number } | undefined {
  if (spec.fairShare === undefined) return undefined;
  return spec.fairShare === 'decayed' ? { type: 'decayed', halfLifeMs: spec.halfLife ?? DEFAULT_DECAY_HALF_LIFE_MS } : { type: 'running' };
}

/** The profile's axes as `key=value` pairs in declaration order, for tables and the report. */
export function describeProfile(spec: ProfileSpec): string {
  return Object.entries(spec)
    .filter(([key]) => key !== 'name')
    .map(([key, value]) => `${key}=${String(value)}`)
    .join(' ');
}
