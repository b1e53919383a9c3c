import type { ClusterConfig, PreemptConfig, PriorityConfig, PriorityType, RequeueConfig } from './cluster-types.js';
import { Issues, type ConfigPath, type Validated } from './issues.js';
import { readNodes } from './nodes.js';
import { readPartitions } from './partitions.js';
import { isPlainMap, optional, readBool, readEnum, readInt, readMap, readName, readString, reader, requireKey, UINT32_MAX, type PlainMap } from './read.js';
import { parsePriorityMaxAge, PRIORITY_MAX_AGE_CAP } from './units.js';

/** Top-level keys CraneLab models. */
export const CLUSTER_KEYS = [
  'ClusterName',
  'Nodes',
  'Partitions',
  'DefaultPartition',
  'PriorityType',
  'PriorityFavorSmall',
  'PriorityMaxAge',
  'PriorityWeightAge',
  'PriorityWeightFairShare',
  'PriorityWeightJobSize',
  'PriorityWeightPartition',
  'PriorityWeightQoS',
  'PriorityWeightAssoc',
  'ScheduledBatchSize',
  'PendingQueueMaxSize',
  'RejectJobsBeyondCapacity',
  'Preempt',
  'CraneCtld',
] as const;

/** Top-level keys of CraneSched's `config.yaml` that a simulation has no use for: accepted, ignored. */
export const CLUSTER_IGNORED_KEYS = [
  'ControlMachine', 'CraneBaseDir', 'DbConfigPath', 'TLS', 'Tls', 'Vault', 'CraneCtldListenAddr', 'CraneCtldListenPort',
  'CraneCtldForInternalListenPort', 'CraneCtldDebugLevel', 'CraneCtldLogFile', 'CraneCtldMutexFilePath', 'CraneCtldForeground',
  'Keepalived', 'CranedListenAddr', 'CranedListenPort', 'CranedDebugLevel', 'CranedLogFile', 'CranedMutexFilePath',
  'CranedCforedSockPath', 'CranedForeground', 'Craned', 'EnableSlurmCompatibleEnv', 'JobSubmitLuaScript', 'JobLifecycleHook',
  'Licenses', 'AllLicenseResourcesAbsolute', 'TrackWCKey', 'JobFileAppend', 'IgnoreConfigInconsistency', 'HealthCheck',
  'Supervisor', 'Container', 'Cfored', 'Plugin', 'CompressedRpc',
];

const CRANECTLD_KEYS = ['JobRequeue', 'MaxRequeueCount'];
const CRANECTLD_IGNORED = ['CranedTimeout', 'MaxLogFileSize', 'MaxLogFileNum', 'ThreadPoolSize', 'SchedulerRpcThreadPoolSize', 'StatusChangeFlushTimeoutMs', 'StatusChangeBatchNum', 'JobAggregationBatchSize', 'JobAggregationTimeoutMs'];

/** CraneSched's limits and defaults (CtldPublicDefs.h). */
export const SCHEDULED_BATCH_SIZE_DEFAULT = 100_000;
export const SCHEDULED_BATCH_SIZE_MAX = 200_000;
export const PENDING_QUEUE_MAX_SIZE = 900_000;

const PRIORITY_TYPES: readonly PriorityType[] = ['priority/basic', 'priority/multifactor'];
const uint32 = (issues: Issues, path: ConfigPath, v: unknown): number | undefined => readInt(issues, path, v, { max: UINT32_MAX });

/**
 * Validates a cluster file (the value YAML parses to) into a `ClusterConfig`, collecting every
 * issue. Defaults, clamps and cross-references follow CraneSched's `ParseConfig` (CraneCtld.cpp);
 * docs/configuration.md lists every key and where CraneLab is stricter.
 */
export function validateClusterConfig(raw: unknown): Validated<ClusterConfig> {
  const issues = new Issues();
  const top = readMap(issues, [], raw, { known: CLUSTER_KEYS, ignored: CLUSTER_IGNORED_KEYS });
  if (top === undefined) return issues.finish<ClusterConfig>(undefined);
  const clusterName = optional(issues, [], top, 'ClusterName', readString, null);
  const nodes = requireKey(issues, [], top, 'Nodes') ? readNodes(issues, ['Nodes'], top['Nodes']) : undefined;
  const partitions = requireKey(issues, [], top, 'Partitions') ? readPartitions(issues, ['Partitions'], top['Partitions'], nodes) : undefined;
  const defaultPartition = readDefaultPartition(issues, top, partitions?.map((p) => p.name) ?? writtenNames(top['Partitions']));
  const priority = readPriority(issues, top);
  const scheduledBatchSize = clamped(issues, top, 'ScheduledBatchSize', SCHEDULED_BATCH_SIZE_DEFAULT, SCHEDULED_BATCH_SIZE_MAX, 1);
  const pendingQueueMaxSize = clamped(issues, top, 'PendingQueueMaxSize', PENDING_QUEUE_MAX_SIZE, PENDING_QUEUE_MAX_SIZE, 0);
  const rejectJobsBeyondCapacity = optional(issues, [], top, 'RejectJobsBeyondCapacity', readBool, false);
  const preempt = readPreempt(issues, top);
  const requeue = readRequeue(issues, top);
  if (
    issues.count > 0 ||
    clusterName === undefined || nodes === undefined || partitions === undefined || defaultPartition === undefined || priority === undefined ||
    scheduledBatchSize === undefined || pendingQueueMaxSize === undefined || rejectJobsBeyondCapacity === undefined || preempt === undefined || requeue === undefined
  ) {
    return issues.finish<ClusterConfig>(undefined);
  }
  return issues.finish({ clusterName, nodes, partitions, defaultPartition, priority, scheduledBatchSize, pendingQueueMaxSize, rejectJobsBeyondCapacity, preempt, requeue });
}

/** The partition names as written, to check `DefaultPartition` when some partition is invalid. */
function writtenNames(v: unknown): readonly string[] | undefined {
  if (!Array.isArray(v)) return undefined;
  return v.flatMap((p) => (isPlainMap(p) && typeof p['name'] === 'string' ? [p['name']] : []));
}

/** `DefaultPartition`: one name (CraneSched takes the first of a comma list and logs an error). */
function readDefaultPartition(issues: Issues, top: PlainMap, names: readonly string[] | undefined): string | null | undefined {
  const v = top['DefaultPartition'];
  if (v === undefined || v === null) return null;
  const s = readString(issues, ['DefaultPartition'], v);
  if (s === undefined) return undefined;
  const parts = s.split(',').map((x) => x.trim());
  if (parts.length > 1) issues.warn(['DefaultPartition'], `several names given; '${parts[0]}' is used (as in CraneSched)`);
  const name = readName(issues, ['DefaultPartition'], parts[0]);
  if (name === undefined) return undefined;
  if (names !== undefined && !names.includes(name)) {
    issues.error(['DefaultPartition'], `expected one of the partitions (${names.join(', ')}), got '${name}'`);
    return undefined;
  }
  return name;
}

function readPriority(issues: Issues, top: PlainMap): PriorityConfig | undefined {
  const type = optional(issues, [], top, 'PriorityType', (is, p, v) => readEnum(is, p, v, PRIORITY_TYPES), 'priority/basic' as PriorityType);
  const favorSmall = optional(issues, [], top, 'PriorityFavorSmall', readBool, true);
  let maxAge = optional(issues, [], top, 'PriorityMaxAge', reader(parsePriorityMaxAge), PRIORITY_MAX_AGE_CAP);
  if (maxAge !== undefined && maxAge > PRIORITY_MAX_AGE_CAP) {
    issues.warn(['PriorityMaxAge'], `capped at 7 days (7-0), as CraneSched caps it (kPriorityDefaultMaxAge)`);
    maxAge = PRIORITY_MAX_AGE_CAP;
  }
  const age = optional(issues, [], top, 'PriorityWeightAge', uint32, 1000);
  const fairShare = optional(issues, [], top, 'PriorityWeightFairShare', uint32, 0);
  const jobSize = optional(issues, [], top, 'PriorityWeightJobSize', uint32, 0);
  const partition = optional(issues, [], top, 'PriorityWeightPartition', uint32, 0);
  const qos = optional(issues, [], top, 'PriorityWeightQoS', uint32, 0);
  const assoc = optional(issues, [], top, 'PriorityWeightAssoc', uint32, 0);
  if (type === undefined || favorSmall === undefined || maxAge === undefined || age === undefined || fairShare === undefined || jobSize === undefined || partition === undefined || qos === undefined || assoc === undefined) {
    return undefined;
  }
  return { type, favorSmall, maxAge, weights: { age, fairShare, jobSize, partition, qos, assoc } };
}

/** A uint32 with a default; values above `max` are clamped with a warning, as CraneSched does. */
function clamped(issues: Issues, top: PlainMap, key: string, fallback: number, max: number, min: number): number | undefined {
  const v = optional(issues, [], top, key, (is, p, x) => readInt(is, p, x, { min, max: UINT32_MAX }), fallback);
  if (v !== undefined && v > max) {
    issues.warn([key], `${v} is above CraneSched's maximum ${max}; ${max} is used`);
    return max;
  }
  return v;
}

function readPreempt(issues: Issues, top: PlainMap): PreemptConfig | undefined {
  const v = top['Preempt'];
  if (v === undefined || v === null) return { type: 'none', mode: 'OFF' };
  const map = readMap(issues, ['Preempt'], v, { known: ['PreemptType', 'PreemptMode'] });
  if (map === undefined) return undefined;
  const rawType = map['PreemptType'];
  if (rawType === 'partition') {
    issues.error(['Preempt', 'PreemptType'], "'partition' is accepted by CraneSched's parser but not implemented there; expected none or qos");
    return undefined;
  }
  const type = optional(issues, ['Preempt'], map, 'PreemptType', (is, p, x) => readEnum(is, p, x, ['none', 'qos'] as const), 'none' as const);
  const rawMode = map['PreemptMode'];
  if (rawMode === 'SUSPEND') {
    issues.error(['Preempt', 'PreemptMode'], "'SUSPEND' is reserved in CraneSched's enum but not implemented; expected OFF, CANCEL or REQUEUE");
    return undefined;
  }
  const mode = optional(issues, ['Preempt'], map, 'PreemptMode', (is, p, x) => readEnum(is, p, x, ['OFF', 'CANCEL', 'REQUEUE'] as const), 'OFF' as const);
  if (type === undefined || mode === undefined) return undefined;
  if ((type === 'none') !== (mode === 'OFF')) {
    issues.error(['Preempt'], `PreemptType ${type} and PreemptMode ${mode} disagree: both must be none/OFF or both set (as CraneSched requires)`);
    return undefined;
  }
  return { type, mode };
}

function readRequeue(issues: Issues, top: PlainMap): RequeueConfig | undefined {
  const v = top['CraneCtld'];
  if (v === undefined || v === null) return { jobRequeue: true, maxRequeueCount: 5 };
  const map = readMap(issues, ['CraneCtld'], v, { known: CRANECTLD_KEYS, ignored: CRANECTLD_IGNORED });
  if (map === undefined) return undefined;
  const jobRequeue = optional(issues, ['CraneCtld'], map, 'JobRequeue', readBool, true);
  const maxRequeueCount = optional(issues, ['CraneCtld'], map, 'MaxRequeueCount', readInt, 5);
  return jobRequeue === undefined || maxRequeueCount === undefined ? undefined : { jobRequeue, maxRequeueCount };
}
