import type { NodeId } from '../model/ids.js';
import { concreteAllocation, fits, type NodeRequest } from '../model/resources.js';

/**
 * What a step asks of its job: `perNode` (a request in the cluster's resource layout: milli-CPUs,
 * MiB, GRES) on each of `nodeCount` of the job's nodes, optionally only on `includeNodes` (`-w`)
 * and never on `excludeNodes` (`-x`), both limited to the job's nodes.
 */
export interface StepRequest {
  readonly nodeCount: number;
  readonly perNode: NodeRequest;
  readonly includeNodes?: readonly NodeId[];
  readonly excludeNodes?: readonly NodeId[];
}

/** CraneSched's refusals of a step at submission (proto `ErrCode`, §2.7, §2.13). */
export type StepRejectCode =
  | 'ERR_INVALID_PARAM'
  | 'ERR_INVALID_JOB_ID'
  | 'ERR_PERMISSION_DENIED'
  | 'ERR_TIME_TIMIT_BEYOND'
  | 'ERR_NO_ENOUGH_NODE'
  | 'ERR_STEP_RES_BEYOND';

export type PoolCheck = { readonly ok: true } | { readonly ok: false; readonly code: StepRejectCode; readonly message: string };

/** A placement: the step's nodes in job-node order and the concrete amounts it takes on each. */
export interface StepPlacement {
  readonly nodes: readonly NodeId[];
  readonly allocation: readonly Float64Array[];
}

/**
 * One job's step pool (CraneSched `step_res_avail`, §2.7): per job node, the resources the job holds
 * and what is still free for steps. Flat `Float64Array`s, node-major (`i * dims + d`). Mutable for
 * speed; `take`/`give` check the pool's invariant (0 <= free <= total on every node and dimension)
 * and throw on a violation, which is a bug.
 */
export class StepPool {
  readonly nodes: readonly NodeId[];
  readonly dims: number;
  private readonly total: Float64Array;
  private readonly free: Float64Array;

  constructor(nodes: readonly NodeId[], allocation: readonly Float64Array[], dims: number) {
    if (nodes.length === 0 || nodes.length !== allocation.length) throw new Error(`StepPool: ${nodes.length} nodes but ${allocation.length} allocations`);
    this.nodes = [...nodes];
    this.dims = dims;
    this.total = new Float64Array(nodes.length * dims);
    allocation.forEach((a, i) => {
      if (a.length !== dims) throw new Error(`StepPool: node ${nodes[i]} allocation has ${a.length} dims, expected ${dims}`);
      this.total.set(a, i * dims);
    });
    this.free = Float64Array.from(this.total);
  }

  /** The job's whole allocation on `node` (a copy). */
  totalOn(node: NodeId): Float64Array {
    const i = this.indexOf(node);
    return this.total.slice(i * this.dims, (i + 1) * this.dims);
  }

  /** What is free for steps on `node` (a copy). */
  freeOn(node: NodeId): Float64Array {
    const i = this.indexOf(node);
    return this.free.slice(i * this.dims, (i + 1) * this.dims);
  }

  /** Is the whole allocation free (no step holds anything)? */
  isIdle(): boolean {
    for (let k = 0; k < this.total.length; k++) if (this.free[k] !== this.total[k]) return false;
    return true;
  }

  /**
   * CraneSched's submission check against the job's *total* allocation, not the free pool: the
   * step's total (nodeCount x perNode) must not exceed the job's total in any dimension, else
   * `ERR_STEP_RES_BEYOND`; then `nodeCount` eligible job nodes must each hold `perNode` in full,
   * else `ERR_NO_ENOUGH_NODE`. Choice: the total is checked first, so a step that asks for more than
   * the whole job gets the more telling code (docs/container-jobs.md, choice C4).
   */
  check(req: StepRequest): PoolCheck {
    const { dims } = this;
    if (!Number.isInteger(req.nodeCount) || req.nodeCount < 1) return { ok: false, code: 'ERR_INVALID_PARAM', message: `node count ${req.nodeCount} is not a positive integer` };
    const jobTotal = new Float64Array(dims);
    for (let k = 0; k < this.total.length; k++) jobTotal[k % dims]! += this.total[k]!;
    for (let d = 0; d < dims; d++) {
      const want = req.nodeCount * req.perNode.vec[d]!;
      if (want > jobTotal[d]!) return { ok: false, code: 'ERR_STEP_RES_BEYOND', message: `the step asks ${want} of dimension ${d} in all, the job holds ${jobTotal[d]}` };
    }
    for (const u of req.perNode.untyped) {
      let held = 0;
      let typed = 0;
      for (const d of u.dims) {
        held += jobTotal[d]!;
        typed += req.nodeCount * req.perNode.vec[d]!;
      }
      const want = typed + req.nodeCount * u.count;
      if (want > held) return { ok: false, code: 'ERR_STEP_RES_BEYOND', message: `the step asks ${want} of GRES dimensions ${u.dims.join(',')} in all, the job holds ${held}` };
    }
    const eligible = this.eligible(req).filter((i) => fits(this.total, i * dims, req.perNode, dims)).length;
    if (eligible < req.nodeCount) {
      return { ok: false, code: 'ERR_NO_ENOUGH_NODE', message: `the step needs ${req.nodeCount} node(s) that can hold its per-node request, the job has ${eligible} of ${this.nodes.length}` };
    }
    return { ok: true };
  }

  /**
   * Where the step fits in the free pool now: the first `nodeCount` eligible job nodes, in job-node
   * order (deterministic), whose free resources hold `perNode`; undefined if fewer than that.
   */
  place(req: StepRequest): StepPlacement | undefined {
    const nodes: NodeId[] = [];
    const allocation: Float64Array[] = [];
    for (const i of this.eligible(req)) {
      if (!fits(this.free, i * this.dims, req.perNode, this.dims)) continue;
      nodes.push(this.nodes[i]!);
      allocation.push(concreteAllocation(this.free, i * this.dims, req.perNode));
      if (nodes.length === req.nodeCount) return { nodes, allocation };
    }
    return undefined;
  }

  /** Takes a placement out of the free pool. */
  take(p: StepPlacement): void {
    this.apply(p, -1);
  }

  /** Gives a placement back to the free pool. */
  give(p: StepPlacement): void {
    this.apply(p, +1);
  }

  private apply(p: StepPlacement, sign: 1 | -1): void {
    p.nodes.forEach((node, j) => {
      const i = this.indexOf(node);
      const a = p.allocation[j]!;
      for (let d = 0; d < this.dims; d++) {
        const k = i * this.dims + d;
        const next = this.free[k]! + sign * a[d]!;
        if (next < -1e-9 || next > this.total[k]! + 1e-9) {
          throw new Error(`StepPool: ${sign < 0 ? 'taking' : 'giving back'} ${a[d]} of dimension ${d} on node ${node} leaves ${next} free of ${this.total[k]}`);
        }
        this.free[k] = next;
      }
    });
  }

  /** Indices of job nodes a request may use, in job-node order. */
  private eligible(req: StepRequest): number[] {
    const out: number[] = [];
    this.nodes.forEach((n, i) => {
      if (req.includeNodes !== undefined && !req.includeNodes.includes(n)) return;
      if (req.excludeNodes?.includes(n) === true) return;
      out.push(i);
    });
    return out;
  }

  private indexOf(node: NodeId): number {
    const i = this.nodes.indexOf(node);
    if (i < 0) throw new Error(`StepPool: node ${node} is not one of the job's (${this.nodes.join(',')})`);
    return i;
  }
}
