import type { Fields, FieldPath } from './yaml-fields.js';

/**
 * A cluster variant: what changes about the machine or the load for a set of runs. With no fields
 * it is the trace as recorded (machine size from the trace spec or its header).
 */
export interface VariantSpec {
  readonly name: string;
  /** Machine size in processors (one-CPU nodes), replacing the trace's. */
  readonly processors?: number;
  /** Machine size as a multiple of the trace's (rounded, at least 1). Exclusive with `processors`. */
  readonly machineScale?: number;
  /** Offered load multiplier: submit times are divided by it (1.2 = 20% more load). */
  readonly loadScale?: number;
  /**
   * Container workloads: `pods` as written (steps reuse the job's allocation and Pod, the default) or
   * `per-container` (every container a job of its own, chained with dependencies).
   */
  readonly containers?: 'pods' | 'per-container';
}

export const BASE_VARIANT: VariantSpec = { name: 'base' };

const VARIANT_FIELDS = ['name', 'processors', 'machineScale', 'loadScale', 'containers'] as const;

export function readVariant(value: unknown, path: FieldPath, f: Fields): VariantSpec | undefined {
  const m = f.map(value, path, VARIANT_FIELDS);
  if (m === undefined) return undefined;
  const name = f.string(m['name'], [...path, 'name']);
  let ok = name !== undefined;
  const out: { name: string; processors?: number; machineScale?: number; loadScale?: number; containers?: 'pods' | 'per-container' } = { name: name ?? '' };
  if (m['containers'] !== undefined) {
    const c = f.oneOf(m['containers'], [...path, 'containers'], ['pods', 'per-container'] as const);
    if (c === undefined) ok = false;
    else out.containers = c;
  }
  if (m['processors'] !== undefined && m['machineScale'] !== undefined) {
    f.problem([...path, 'machineScale'], "give either 'processors' or 'machineScale', not both");
    ok = false;
  }
  if (m['processors'] !== undefined) {
    const p = f.integer(m['processors'], [...path, 'processors'], 1);
    if (p === undefined) ok = false;
    else out.processors = p;
  }
  if (m['machineScale'] !== undefined) {
    const s = f.number(m['machineScale'], [...path, 'machineScale'], 0, 1000, false);
    if (s === undefined) ok = false;
    else out.machineScale = s;
  }
  if (m['loadScale'] !== undefined) {
    const s = f.number(m['loadScale'], [...path, 'loadScale'], 0, 1000, false);
    if (s === undefined) ok = false;
    else out.loadScale = s;
  }
  return ok ? out : undefined;
}

/** The machine size of a variant given the trace's. */
export function variantProcessors(variant: VariantSpec, traceProcessors: number): number {
  if (variant.processors !== undefined) return variant.processors;
  if (variant.machineScale !== undefined) return Math.max(1, Math.round(traceProcessors * variant.machineScale));
  return traceProcessors;
}

/** Applies the variant's load scaling to submit times (integer ms): simulated jobs or container workload jobs. */
export function scaleLoad<J extends { readonly submitTime: number }>(jobs: readonly J[], variant: VariantSpec): readonly J[] {
  const k = variant.loadScale;
  if (k === undefined || k === 1) return jobs;
  return jobs.map((job) => ({ ...job, submitTime: Math.round(job.submitTime / k) }));
}

/** The variant's settings as `key=value` pairs (`as recorded` when it changes nothing). */
export function describeVariant(v: VariantSpec): string {
  const parts = Object.entries(v)
    .filter(([key]) => key !== 'name')
    .map(([key, value]) => `${key}=${String(value)}`);
  return parts.length === 0 ? 'as recorded' : parts.join(' ');
}
