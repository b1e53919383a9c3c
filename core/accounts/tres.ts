import type { Tres } from '../config/tres.js';
import type { NodeRequest, ResourceLayout } from '../model/resources.js';

/**
 * A whole job's resources for limit checks (CraneSched `ResourceView`): `vec` in the cluster's
 * resource layout (milli-CPUs, MiB, then one count per GRES name and type), summed over its nodes,
 * plus GRES asked for by name only (`--gres gpu:2`), which count towards that name's total but
 * towards no type.
 */
export interface JobTres {
  readonly vec: Float64Array;
  readonly untyped: ReadonlyArray<{ readonly name: string; readonly count: number }>;
}

const NO_UNTYPED: JobTres['untyped'] = Object.freeze([]);

/** Which TRES dimension a limit stops: CraneSched's `CheckTres_` checks CPU, then memory, then GRES. */
export type TresDimension = 'Cpu' | 'Mem' | 'Gres';

/** TRES arithmetic over one cluster's resource layout. */
export class TresMeter {
  readonly dims: number;
  /** GRES name of each dimension (undefined for cpu and mem). */
  private readonly nameOf: (string | undefined)[] = [];
  private readonly dimsOfName = new Map<string, number[]>();
  private readonly dimOfType = new Map<string, number>();

  constructor(layout: ResourceLayout) {
    this.dims = layout.dims;
    layout.labels.forEach((label, d) => {
      if (!label.startsWith('gres/')) {
        this.nameOf.push(undefined);
        return;
      }
      const key = label.slice(5);
      const name = key.slice(0, key.indexOf(':'));
      this.nameOf.push(name);
      this.dimOfType.set(key, d);
      const list = this.dimsOfName.get(name) ?? [];
      list.push(d);
      this.dimsOfName.set(name, list);
    });
  }

  zero(): Float64Array {
    return new Float64Array(this.dims);
  }

  /** A request of `units` nodes with `need` on each. */
  ofRequest(need: NodeRequest, units: number): JobTres {
    const vec = new Float64Array(this.dims);
    for (let d = 0; d < this.dims; d++) vec[d] = need.vec[d]! * units;
    const untyped = need.untyped.length === 0 ? NO_UNTYPED : need.untyped.map((u) => ({ name: this.nameOf[u.dims[0]!] ?? '', count: u.count * units }));
    return { vec, untyped };
  }

  /** What a job holds: the sum of its per-node allocations (GRES types are concrete there). */
  ofAllocation(allocation: readonly Float64Array[]): Float64Array {
    const vec = new Float64Array(this.dims);
    for (const a of allocation) for (let d = 0; d < this.dims; d++) vec[d]! += a[d]!;
    return vec;
  }

  /**
   * The first dimension in which `base + job` is over `limit`, or null. An absent limit, or an
   * absent dimension of it, is unlimited. A GRES limit without a type (`gres/gpu:4`) caps every
   * type of that name together, untyped requests included; a typed one (`gres/gpu:a100:2`) caps
   * that type. Unlike CraneSched's `CheckGres_`, which stops at the first requested GRES name the
   * limit does not mention, every limited name is checked.
   */
  exceeds(limit: Tres | undefined, job: JobTres, base?: Float64Array): TresDimension | null {
    if (limit === undefined) return null;
    // (`at`, not an arrow made here: it would allocate a context on every call, and this runs
    // for every submission and every start.)
    if (limit.cpuMilli !== undefined && at(job, base, 0) > limit.cpuMilli) return 'Cpu';
    if (limit.memMiB !== undefined && at(job, base, 1) > limit.memMiB) return 'Mem';
    for (const g of limit.gres) {
      let used = 0;
      if (g.type === null) {
        for (const d of this.dimsOfName.get(g.name) ?? []) used += at(job, base, d);
        for (const u of job.untyped) if (u.name === g.name) used += u.count;
      } else {
        const d = this.dimOfType.get(`${g.name}:${g.type}`);
        if (d !== undefined) used = at(job, base, d);
      }
      if (used > g.count) return 'Gres';
    }
    return null;
  }

  /** `cpu:8,mem:16384M,gres/gpu:a100:2` (what a job asks or what is in use), for messages. */
  format(job: JobTres, base?: Float64Array): string {
    const parts = [`cpu:${at(job, base, 0) / 1000}`, `mem:${at(job, base, 1)}M`];
    for (const [key, d] of this.dimOfType) if (at(job, base, d) > 0) parts.push(`gres/${key}:${at(job, base, d)}`);
    for (const u of job.untyped) parts.push(`gres/${u.name}:${u.count}`);
    return parts.join(',');
  }
}

/** Dimension `d` of a job's request, plus `base` (what is in use) when given. */
function at(job: JobTres, base: Float64Array | undefined, d: number): number {
  return job.vec[d]! + (base === undefined ? 0 : base[d]!);
}

/** A TRES limit as `cacctmgr` writes it: `cpu:32,mem:65536M,gres/gpu:4`. */
export function formatTresLimit(t: Tres): string {
  const parts: string[] = [];
  if (t.cpuMilli !== undefined) parts.push(`cpu:${t.cpuMilli / 1000}`);
  if (t.memMiB !== undefined) parts.push(`mem:${t.memMiB}M`);
  for (const g of t.gres) parts.push(`gres/${g.name}${g.type === null ? '' : `:${g.type}`}:${g.count}`);
  return parts.length === 0 ? 'unlimited' : parts.join(',');
}

/** Whether a TRES limit limits nothing (absent, or every dimension unlimited). */
export const tresUnlimited = (t: Tres | undefined): boolean => t === undefined || (t.cpuMilli === undefined && t.memMiB === undefined && t.gres.length === 0);
