import {
  describeValue,
  isPlainMap,
  optional,
  readBool,
  readEnum,
  readInt,
  readList,
  readMap,
  readString,
  requireKey,
  type ConfigPath,
  type Issues,
} from '../../core/config/index.js';
import { MISSING_ESTIMATE_MODES, type MissingEstimate } from '../swf/mapping.js';
import { readMapping, type Mapping, type MappingSchema } from './mapping.js';

/**
 * The `workload:` section of a scenario, validated but not yet loaded. File paths are as written
 * (the loader resolves them against the scenario's folder).
 */
export type WorkloadSpec =
  | { readonly format: 'jobs'; readonly file: string | null; readonly inline: readonly unknown[] | null }
  | ({ readonly format: 'swf'; readonly missingEstimate: MissingEstimate; readonly skipBadLines: boolean } & TraceOptions)
  | ({ readonly format: 'slurm-variant' } & TraceOptions);

export interface TraceOptions {
  readonly file: string;
  readonly mapping: Mapping;
  /** Processors per node: a P-processor job asks for ceil(P/k) nodes, P tasks, at most k per node, 1 CPU each. */
  readonly processorsPerNode: number;
  readonly memory: MemoryMapping;
  /** Read only the first N jobs (for quick runs); null: all. */
  readonly maxJobs: number | null;
}

/** Where a trace job's memory request comes from. */
export type MemoryMapping =
  | { readonly kind: 'none' }
  | { readonly kind: 'field'; readonly field: 'usedMemory' | 'requestedMemory'; readonly unit: 'KB' | 'MB'; readonly per: 'cpu' | 'node' };

/** SWF fields a mapping can read (CraneLab names; the SWF field they come from in brackets in the docs). */
export const SWF_SCHEMA: MappingSchema = {
  sources: ['user', 'group', 'queue', 'partition', 'executable', 'processors', 'requestedTime'],
  numeric: ['user', 'group', 'queue', 'partition', 'executable', 'processors', 'requestedTime'],
  defaults: {
    user: { kind: 'template', from: 'user', template: 'u{}' },
    account: { kind: 'unset' },
    partition: { kind: 'unset' },
    qos: { kind: 'unset' },
  },
};

/** Slurm-simulator variant fields: names as the file carries them; queue is the QoS by default. */
export const VARIANT_SCHEMA: MappingSchema = {
  sources: ['user', 'account', 'queue', 'partition', 'executable', 'processors', 'requestedTime'],
  numeric: ['executable', 'processors', 'requestedTime'],
  defaults: {
    user: { kind: 'template', from: 'user', template: '{}' },
    account: { kind: 'template', from: 'account', template: '{}' },
    partition: { kind: 'template', from: 'partition', template: '{}' },
    qos: { kind: 'template', from: 'queue', template: '{}' },
  },
};

const FORMATS = ['jobs', 'swf', 'slurm-variant'] as const;
const COMMON_TRACE_KEYS = ['format', 'file', 'mapping', 'processorsPerNode', 'memory', 'maxJobs'];

export function readWorkloadSpec(issues: Issues, path: ConfigPath, v: unknown): WorkloadSpec | undefined {
  if (!isPlainMap(v)) {
    issues.error(path, `expected a map with format: ${FORMATS.join(' | ')}, got ${describeValue(v)}`);
    return undefined;
  }
  if (!requireKey(issues, path, v, 'format')) return undefined;
  const format = readEnum(issues, [...path, 'format'], v['format'], FORMATS);
  if (format === undefined) return undefined;
  const before = issues.count;
  switch (format) {
    case 'jobs': {
      const map = readMap(issues, path, v, { known: ['format', 'file', 'jobs'] });
      if (map === undefined) return undefined;
      const hasFile = map['file'] !== undefined && map['file'] !== null;
      const hasJobs = map['jobs'] !== undefined && map['jobs'] !== null;
      if (hasFile === hasJobs) {
        issues.error(path, hasFile ? 'give either file or jobs, not both' : 'missing: file (a YAML list of jobs) or jobs (the list inline)');
        return undefined;
      }
      const file = hasFile ? readString(issues, [...path, 'file'], map['file']) : null;
      const inline = hasJobs ? readList(issues, [...path, 'jobs'], map['jobs']) : null;
      return issues.count > before || file === undefined || inline === undefined ? undefined : { format, file, inline };
    }
    case 'swf': {
      const map = readMap(issues, path, v, { known: [...COMMON_TRACE_KEYS, 'missingEstimate', 'skipBadLines'] });
      if (map === undefined) return undefined;
      const trace = readTraceOptions(issues, path, map, SWF_SCHEMA, { kind: 'none' });
      const missingEstimate = optional(issues, path, map, 'missingEstimate', (is, p, x) => readEnum(is, p, x, MISSING_ESTIMATE_MODES), 'runtime' as MissingEstimate);
      const skipBadLines = optional(issues, path, map, 'skipBadLines', readBool, false);
      return issues.count > before || trace === undefined || missingEstimate === undefined || skipBadLines === undefined ? undefined : { format, missingEstimate, skipBadLines, ...trace };
    }
    case 'slurm-variant': {
      const map = readMap(issues, path, v, { known: COMMON_TRACE_KEYS });
      if (map === undefined) return undefined;
      const trace = readTraceOptions(issues, path, map, VARIANT_SCHEMA, { kind: 'field', field: 'usedMemory', unit: 'MB', per: 'node' });
      return issues.count > before || trace === undefined ? undefined : { format, ...trace };
    }
  }
}

function readTraceOptions(issues: Issues, path: ConfigPath, map: Readonly<Record<string, unknown>>, schema: MappingSchema, memoryDefault: MemoryMapping): TraceOptions | undefined {
  const before = issues.count;
  const file = requireKey(issues, path, map, 'file') ? readString(issues, [...path, 'file'], map['file']) : undefined;
  const mapping = readMapping(issues, [...path, 'mapping'], map['mapping'], schema);
  const processorsPerNode = optional(issues, path, map, 'processorsPerNode', (is, p, x) => readInt(is, p, x, { min: 1 }), 1);
  const memory = optional(issues, path, map, 'memory', readMemoryMapping, memoryDefault);
  const maxJobs = optional(issues, path, map, 'maxJobs', (is, p, x) => readInt(is, p, x, { min: 1 }), null);
  if (issues.count > before || file === undefined || mapping === undefined || processorsPerNode === undefined || memory === undefined || maxJobs === undefined) return undefined;
  return { file, mapping, processorsPerNode, memory, maxJobs };
}

/** `memory: none` or `memory: {from: usedMemory | requestedMemory, unit: KB | MB, per: cpu | node}`. */
function readMemoryMapping(issues: Issues, path: ConfigPath, v: unknown): MemoryMapping | undefined {
  if (v === 'none') return { kind: 'none' };
  if (!isPlainMap(v)) {
    issues.error(path, `expected none or {from: usedMemory | requestedMemory, unit: KB | MB, per: cpu | node}, got ${describeValue(v)}`);
    return undefined;
  }
  const map = readMap(issues, path, v, { known: ['from', 'unit', 'per'] });
  if (map === undefined) return undefined;
  const field = requireKey(issues, path, map, 'from') ? readEnum(issues, [...path, 'from'], map['from'], ['usedMemory', 'requestedMemory'] as const) : undefined;
  const unit = optional(issues, path, map, 'unit', (is, p, x) => readEnum(is, p, x, ['KB', 'MB'] as const), 'KB' as const);
  const per = optional(issues, path, map, 'per', (is, p, x) => readEnum(is, p, x, ['cpu', 'node'] as const), 'cpu' as const);
  return field === undefined || unit === undefined || per === undefined ? undefined : { kind: 'field', field, unit, per };
}
