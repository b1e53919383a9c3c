import { makeProfile, plannerNames, type SchedulingProfile } from '../../core/index.js';
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
}

/** The axes of a profile without its name. */
export type ProfileAxes = Omit<ProfileSpec, 'name'>;

/** Named profiles an experiment may list by name alone (`profiles: [fcfs, easy]`). */
export const PROFILE_PRESETS: Readonly<Record<string, ProfileAxes>> = {
  fcfs: { backfill: 'fcfs' },
  easy: { backfill: 'easy' },
  conservative: { backfill: 'conservative' },
  cranesched: { backfill: 'cranesched' },
};

const PROFILE_FIELDS = ['name', 'preset', 'backfill'] as const;

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
  if (axes.backfill === undefined) return f.problem([...path, 'backfill'], `missing: give 'backfill' (${plannerNames().join(', ')}) or a 'preset'`);
  if (name === undefined) return undefined;
  return { name, backfill: axes.backfill };
}

/** What the simulator needs for a profile: the planner and queue order, fresh for each run. */
export type ResolvedProfile = SchedulingProfile;

/** Builds a profile's policy objects. Throws only for a spec that skipped `readProfile` (a bug). */
export function resolveProfile(spec: ProfileSpec): ResolvedProfile {
  const profile = makeProfile(spec.backfill);
  if (profile === undefined) throw new Error(`profile '${spec.name}': unknown planner '${spec.backfill}'`);
  return profile;
}

/** The profile's axes as `key=value` pairs in declaration order, for tables and the report. */
export function describeProfile(spec: ProfileSpec): string {
  return Object.entries(spec)
    .filter(([key]) => key !== 'name')
    .map(([key, value]) => `${key}=${String(value)}`)
    .join(' ');
}
