import type { ClusterConfig } from '../../core/config/index.js';
import type { InputIssue, InputWarning } from '../issue.js';
import type { JobRequest, MemoryRequest, ScenarioJob } from './job.js';
import { applyRule, MAPPING_TARGETS, ruleSource, type Mapping, type MappingRule, type MappingTarget, type SourceValue } from './mapping.js';
import type { MemoryMapping } from './workload-spec.js';

/** A loaded workload: jobs in file order (the simulator sorts them stably by submit time). */
export interface Workload {
  readonly format: 'jobs' | 'swf' | 'slurm-variant';
  /** The file the jobs came from (for inline jobs: the scenario file). */
  readonly file: string;
  readonly jobs: readonly ScenarioJob[];
  readonly warnings: readonly InputWarning[];
  /** The loader saw that no two jobs share an id (an SWF trace's job numbers rise), so checks need not look. */
  readonly idsUnique?: boolean;
}

export type WorkloadResult = { readonly ok: true; readonly value: Workload } | { readonly ok: false; readonly issues: readonly InputIssue[] };

/** At most this many issues are reported from one trace; the rest are counted. */
export const MAX_TRACE_ISSUES = 50;

/** Collects per-line issues from a trace, keeping the first `MAX_TRACE_ISSUES`. */
export class TraceIssues {
  readonly list: InputIssue[] = [];
  private dropped = 0;

  constructor(private readonly file: string) {}

  add(line: number, field: string, message: string): void {
    if (this.list.length < MAX_TRACE_ISSUES) this.list.push({ file: this.file, line, field, message });
    else this.dropped++;
  }

  get count(): number {
    return this.list.length + this.dropped;
  }

  result(): readonly InputIssue[] {
    return this.dropped === 0 ? this.list : [...this.list, { file: this.file, message: `${this.dropped} more issues like these are not shown` }];
  }
}

/** The machine size in whole processors, for clamping trace jobs: the sum of whole CPUs per node. */
export const clusterProcessors = (cluster: ClusterConfig): number => cluster.nodes.reduce((n, node) => n + Math.floor(node.cpuMilli / 1000), 0);

/** A P-processor trace job as a CraneSched request with k processors per node. */
export function traceRequest(processors: number, perNode: number, memory: MemoryRequest): JobRequest {
  return {
    nodeCount: Math.ceil(processors / perNode),
    ntasks: processors,
    ntasksPerNode: Math.min(processors, perNode),
    cpusPerTaskMilli: 1000,
    memory,
    gresPerNode: [],
  };
}

/** "Neither `--mem` nor `--mem-per-cpu`": one object shared by every trace job (never mutated). */
export const PARTITION_DEFAULT_MEMORY: MemoryRequest = Object.freeze({ kind: 'partition-default' });

/** The memory request a trace field gives (values <= 0 mean none: the partition's defaults, `PARTITION_DEFAULT_MEMORY`). */
export function traceMemory(m: MemoryMapping, value: (field: 'usedMemory' | 'requestedMemory') => number): MemoryRequest {
  return m.kind === 'none' ? PARTITION_DEFAULT_MEMORY : memoryOfField(m, value(m.field));
}

/** `traceMemory` from the mapped field's value. */
export function memoryOfField(m: Extract<MemoryMapping, { kind: 'field' }>, raw: number): MemoryRequest {
  if (!(raw > 0)) return PARTITION_DEFAULT_MEMORY;
  const mib = m.unit === 'KB' ? Math.ceil(raw / 1024) : Math.ceil(raw);
  return m.per === 'cpu' ? { kind: 'per-cpu', mib } : { kind: 'per-node', mib };
}

/**
 * `applyRule` with its answers kept per rule and source value (a rule's answer depends on the
 * value alone): a trace repeats few users, groups and sizes over many jobs. Per load; at most
 * `RULE_CACHE_MAX` values a rule.
 */
export class RuleCache {
  private readonly byRule = new Map<MappingRule, Map<SourceValue, ReturnType<typeof applyRule>>>();

  apply(rule: MappingRule, get: (field: string) => SourceValue): ReturnType<typeof applyRule> {
    const source = ruleSource(rule);
    if (source === null) return applyRule(rule, get);
    const v = get(source);
    let answers = this.byRule.get(rule);
    if (answers === undefined) this.byRule.set(rule, (answers = new Map()));
    let r = answers.get(v);
    if (r === undefined) {
      r = applyRule(rule, () => v);
      if (answers.size < RULE_CACHE_MAX) answers.set(v, r);
    }
    return r;
  }
}

/** At most this many answers are kept a rule (a trace repeats few users, groups and sizes). */
export const RULE_CACHE_MAX = 65_536;

/** The issue of a rule that gave no answer for a record. */
export const ruleIssue = (message: string, target: MappingTarget): string => `${message} (workload.mapping.${target})`;

/** The issue of a record the mapping gives no user; its field is the user rule's source (or `user`). */
export const NO_USER = 'the job has no user (workload.mapping.user gives none)';
export const userField = (mapping: Mapping): string => (mapping.user.kind === 'unset' ? 'user' : mapping.user.from);

/**
 * Applies the mapping to one record. Returns the four names (null: not given), or undefined after
 * recording an issue naming the line, the trace field and the mapping rule.
 */
export function mapNames(
  mapping: Mapping,
  get: (field: string) => SourceValue,
  describe: (field: string) => string,
  issues: TraceIssues,
  line: number,
  cache?: RuleCache,
): { readonly [T in MappingTarget]: string | null } | undefined {
  const out: Record<string, string | null> = {};
  for (const target of MAPPING_TARGETS) {
    const rule = mapping[target];
    const r = cache === undefined ? applyRule(rule, get) : cache.apply(rule, get);
    if (!r.ok) {
      const source = ruleSource(rule);
      issues.add(line, source === null ? target : describe(source), ruleIssue(r.message, target));
      return undefined;
    }
    out[target] = r.value;
  }
  if (out['user'] === null) {
    issues.add(line, describe(userField(mapping)), NO_USER);
    return undefined;
  }
  return out as { readonly [T in MappingTarget]: string | null };
}

/** A trace job's empty node lists: shared, never mutated. */
const NO_NODES: readonly string[] = Object.freeze([]);

/**
 * A trace job as a `ScenarioJob`: traces carry who, what, when and how it ends; every
 * `cbatch` option a trace cannot express (begin time, deadline, hold, dependencies, node lists,
 * reservation, requeue) is left unset. (Arguments, not an object of fields: nothing thrown away
 * per job.)
 */
export function traceJob(
  id: string,
  line: number,
  submitTime: number,
  user: string,
  account: string | null,
  partition: string | null,
  qos: string | null,
  request: JobRequest,
  timeLimit: number | null,
  runtime: number,
  outcome: ScenarioJob['outcome'],
  exitCode: number,
): ScenarioJob {
  return {
    id,
    line,
    submitTime,
    user,
    account,
    partition,
    qos,
    request,
    timeLimit,
    runtime,
    outcome,
    exitCode,
    beginTime: null,
    deadline: null,
    hold: false,
    dependency: null,
    exclusive: false,
    nodeList: NO_NODES,
    excludeList: NO_NODES,
    reservation: null,
    requeue: null,
  };
}
