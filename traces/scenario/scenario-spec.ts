import { isPlainMap, optional, parseDuration, readEnum, readMap, readString, reader, requireKey, type ConfigPath, type Issues } from '../../core/config/index.js';
import type { Millis } from '../../core/index.js';
import { readWorkloadSpec, type WorkloadSpec } from './workload-spec.js';

export const SCENARIO_KEYS = ['name', 'description', 'cluster', 'accounts', 'workload', 'events', 'profile'];

/** Policy axes a scenario may name (the core's registries check the names when a run starts). */
export const PROFILE_AXES = ['priority', 'nodeSelection', 'backfill', 'preemption'] as const;
export type ProfileAxis = (typeof PROFILE_AXES)[number];
/** Fair-share sources of `priority/multifactor`: CraneSched's running service, or decayed history. */
export const FAIR_SHARE_SOURCES = ['running', 'decayed'] as const;
export type FairShareName = (typeof FAIR_SHARE_SOURCES)[number];
export type ScenarioProfile = { readonly [A in ProfileAxis]?: string } & {
  /** `running` (CraneSched) or `decayed` (historical usage with a half-life, over the account tree). */
  readonly fairShare?: FairShareName;
  /** `decayed` only: the usage half-life, ms. */
  readonly halfLife?: Millis;
};

/** A scenario file's own fields, validated; the files it names are not read yet. */
export interface ScenarioSpec {
  readonly name: string;
  readonly description: string;
  /** Paths as written, relative to the scenario file's folder. */
  readonly cluster: string;
  readonly accounts: string;
  readonly workload: WorkloadSpec;
  /** The raw `events:` value: it is checked once the configuration and workload are loaded. */
  readonly events: unknown;
  readonly profile: ScenarioProfile;
}

export function readScenarioSpec(issues: Issues, v: unknown, fallbackName: string): ScenarioSpec | undefined {
  const before = issues.count;
  const map = readMap(issues, [], v, { known: SCENARIO_KEYS });
  if (map === undefined) return undefined;
  const name = optional(issues, [], map, 'name', readString, fallbackName);
  const description = optional(issues, [], map, 'description', readString, '');
  const cluster = requireKey(issues, [], map, 'cluster') ? readString(issues, ['cluster'], map['cluster']) : undefined;
  const accounts = requireKey(issues, [], map, 'accounts') ? readString(issues, ['accounts'], map['accounts']) : undefined;
  const workload = requireKey(issues, [], map, 'workload') ? readWorkloadSpec(issues, ['workload'], map['workload']) : undefined;
  const profile = optional(issues, [], map, 'profile', readProfile, {});
  if (issues.count > before || name === undefined || description === undefined || cluster === undefined || accounts === undefined || workload === undefined || profile === undefined) return undefined;
  return { name, description, cluster, accounts, workload, events: map['events'], profile };
}

const duration = reader(parseDuration);

function readProfile(issues: Issues, path: ConfigPath, v: unknown): ScenarioProfile | undefined {
  const map = isPlainMap(v) ? readMap(issues, path, v, { known: [...PROFILE_AXES, 'fairShare', 'halfLife'] }) : (issues.error(path, 'expected a map from policy axis to policy name'), undefined);
  if (map === undefined) return undefined;
  const out: { -readonly [K in keyof ScenarioProfile]: ScenarioProfile[K] } = {};
  for (const axis of PROFILE_AXES) {
    if (map[axis] === undefined) continue;
    const name = readString(issues, [...path, axis], map[axis]);
    if (name !== undefined) out[axis] = name;
  }
  if (map['fairShare'] !== undefined) {
    const source = readEnum(issues, [...path, 'fairShare'], map['fairShare'], FAIR_SHARE_SOURCES);
    if (source !== undefined) out.fairShare = source;
  }
  if (map['halfLife'] !== undefined) {
    const halfLife = duration(issues, [...path, 'halfLife'], map['halfLife']);
    if (halfLife !== undefined && halfLife <= 0) issues.error([...path, 'halfLife'], `expected a duration > 0, got ${String(map['halfLife'])}`);
    else if (halfLife !== undefined && map['fairShare'] !== 'decayed') issues.error([...path, 'halfLife'], "a half-life needs 'fairShare: decayed'");
    else if (halfLife !== undefined) out.halfLife = halfLife;
  }
  return out;
}
