import { assertNever } from '../model/assert.js';
import type { NodeId } from '../model/ids.js';
import type { Millis } from '../model/time.js';
import type { EntryPoint, JobKind, PodMeta, StepPayload } from './meta.js';
import type { PoolCheck, StepPlacement } from './step-pool.js';

/** What the step machinery needs to know of a job. */
export interface JobStepsSpec {
  readonly kind: JobKind;
  /** The submitting user; a step must come from the same user (`ERR_PERMISSION_DENIED`). */
  readonly user: string;
  /** Present exactly for a Container job. */
  readonly pod?: PodMeta;
  /** Step 1's payload; with the kind it fixes the entry point. */
  readonly primary: StepPayload;
  /** The job's time limit, ms, given to the primary step; null: unlimited. */
  readonly timeLimit: Millis | null;
}

/** Which CraneSched command made this job (§2.6, §3). */
export function entryPointOf(spec: JobStepsSpec): EntryPoint {
  switch (spec.primary.kind) {
    case 'container':
      return 'ccon run';
    case 'script':
      return spec.kind === 'Container' ? 'cbatch --pod' : 'cbatch';
    case 'process':
      return 'crun';
    case 'allocation':
      return 'calloc';
    default:
      return assertNever(spec.primary, 'step payload');
  }
}

/**
 * Is the job's shape one CraneSched can make? A Container job has a Pod and its primary is a
 * container (`ccon run`) or a script (`cbatch --pod`); other jobs have no Pod and no container
 * primary; a Pod in host network mode maps no ports.
 */
export function checkJobShape(spec: JobStepsSpec): PoolCheck {
  const bad = (message: string): PoolCheck => ({ ok: false, code: 'ERR_INVALID_PARAM', message });
  if (spec.kind === 'Container') {
    if (spec.pod === undefined) return bad('a Container job needs Pod metadata');
    if (spec.primary.kind !== 'container' && spec.primary.kind !== 'script') return bad(`a Container job's primary is a container (ccon run) or a script (cbatch --pod), not ${spec.primary.kind}`);
    if (spec.pod.network === 'host' && spec.pod.ports.length > 0) return bad('ports cannot be mapped in host network mode');
  } else {
    if (spec.pod !== undefined) return bad(`a ${spec.kind} job has no Pod`);
    if (spec.primary.kind === 'container') return bad(`a container primary needs a Container job, not ${spec.kind}`);
  }
  return { ok: true };
}

/**
 * Can a step with this payload be appended to a job of this kind? A container step needs a
 * Container job (CraneSched `CheckStepValidity`: `ERR_INVALID_PARAM`); the reverse is allowed (`crun`
 * in a Container job runs on the host, outside the Pod). Only `container` and `process` payloads
 * can be appended; scripts and allocations are primaries only.
 */
export function checkAppendedPayload(kind: JobKind, payload: StepPayload): PoolCheck {
  if (payload.kind === 'container' && kind !== 'Container') {
    return { ok: false, code: 'ERR_INVALID_PARAM', message: `a container step cannot be submitted into a ${kind} job (only Container jobs host containers)` };
  }
  if (payload.kind === 'script' || payload.kind === 'allocation') return { ok: false, code: 'ERR_INVALID_PARAM', message: `a ${payload.kind} can only be a job's primary step` };
  return { ok: true };
}

/** Where the primary runs and what it takes from the step pool. */
export interface PrimaryPlacement extends StepPlacement {
  /** True for `ccon run` and `crun` jobs: the primary's allocation is taken from the step pool. */
  readonly consumesPool: boolean;
}

/**
 * The primary step's placement (§2.6, CraneSched `InitPrimaryStepFromJob`/`ShouldLaunchOnAllNodes`):
 * - a container (`ccon run`) or host processes (`crun`) run on every job node and consume the
 *   job's whole allocation there, leaving the step pool empty;
 * - a script (`cbatch`, `cbatch --pod`) runs on the first job node and an allocation (`calloc`) holds
 *   it there without a process; neither takes anything, so appended steps may use the whole allocation.
 */
export function primaryPlacement(payload: StepPayload, nodes: readonly NodeId[], allocation: readonly Float64Array[], dims: number): PrimaryPlacement {
  const first = nodes[0];
  if (first === undefined) throw new Error('primaryPlacement: a job has at least one node');
  switch (payload.kind) {
    case 'container':
    case 'process':
      return { nodes: [...nodes], allocation: allocation.map((a) => Float64Array.from(a)), consumesPool: true };
    case 'script':
    case 'allocation':
      return { nodes: [first], allocation: [new Float64Array(dims)], consumesPool: false };
    default:
      return assertNever(payload, 'step payload');
  }
}
