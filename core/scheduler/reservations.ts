import type { ClusterState } from '../cluster/cluster-state.js';
import type { NodeId } from '../model/ids.js';
import type { JobSpec } from '../model/job.js';
import type { AdminResult, CreateReservationCommand, RejectCode } from '../model/messages.js';
import type { Millis } from '../model/time.js';
import type { JobRecord } from './job-record.js';

/**
 * A reservation as the core keeps it (CRANESCHED.md §4.7): whole nodes over [start, end), used
 * only by jobs submitted with `-r name` that pass its partition and account/user lists.
 */
export interface Reservation {
  readonly name: string;
  readonly start: Millis;
  readonly end: Millis;
  /** Partition index, or null when the reservation names nodes only. */
  readonly partition: number | null;
  /** Node indices, ascending. */
  readonly nodes: readonly number[];
  readonly accounts: NameList;
  readonly users: NameList;
}

/** An allow list, a deny list, or nobody named (everyone may use it). */
export type NameList = { readonly kind: 'all' } | { readonly kind: 'allow' | 'deny'; readonly names: readonly string[] };

/** What `Scheduler.view()` shows of a reservation (`ccontrol show reservation`). */
export interface ReservationView {
  readonly name: string;
  readonly start: Millis;
  readonly end: Millis;
  readonly partition: string | null;
  readonly nodes: readonly string[];
  /** start <= now < end. */
  readonly active: boolean;
}

type Rejected = { readonly ok: false; readonly code: RejectCode; readonly message: string };

/**
 * The reservations in force, by name. Creation follows CraneSched's `CreateResv_`: a unique
 * name, an end in the future, known nodes inside the partition (all the partition's nodes, or its
 * first `nodeCount` that qualify, when no nodes are named), and every node qualifying: no running
 * job on it may end (by its time limit) after the start, and no other reservation may overlap it
 * in time. Deletion is refused while jobs run inside.
 */
export class ReservationBook {
  private readonly byName = new Map<string, Reservation>();
  /** `all` until the next create or delete (the planner reads it every pass). */
  private list: readonly Reservation[] = [];
  /** Per node, the reservations on it (few: they may not overlap). */
  private readonly onNode: Reservation[][];

  constructor(private readonly cluster: ClusterState) {
    this.onNode = Array.from({ length: cluster.size }, () => []);
  }

  get all(): readonly Reservation[] {
    return this.list;
  }

  get size(): number {
    return this.byName.size;
  }

  get(name: string): Reservation | undefined {
    return this.byName.get(name);
  }

  /** The reservations that hold node `node` at some time (for pending reasons and node views). */
  on(node: number): readonly Reservation[] {
    return this.onNode[node]!;
  }

  create(c: CreateReservationCommand, now: Millis, running: readonly JobRecord[]): AdminResult {
    const fail = (code: string, message: string): AdminResult => ({ ok: false, code, message: `reservation ${c.name}: ${message}` });
    if (this.byName.has(c.name)) return fail('ERR_INVALID_PARAM', 'a reservation of this name already exists');
    // (Times relative to each other, not as the core's clock reads them: a runtime may run that clock ahead of its own.)
    if (!(c.end > c.start)) return fail('ERR_INVALID_PARAM', `the end is not after the start (${c.end - c.start} ms after it)`);
    if (c.end <= now) return fail('ERR_INVALID_PARAM', `the end is not in the future (${now - c.end} ms ago)`);
    if (c.allowedAccounts !== undefined && c.deniedAccounts !== undefined) return fail('ERR_INVALID_PARAM', 'allowed and denied accounts cannot be mixed');
    if (c.allowedUsers !== undefined && c.deniedUsers !== undefined) return fail('ERR_INVALID_PARAM', 'allowed and denied users cannot be mixed');
    let partition: number | null = null;
    if (c.partition !== undefined) {
      const p = this.cluster.partition(c.partition);
      if (p === undefined) return fail('ERR_INVALID_PARTITION', `unknown partition ${c.partition}`);
      partition = p.index;
    }
    const qualifies = (node: number): boolean =>
      running.every((j) => j.startTime + j.limit <= c.start || !j.nodes.includes(node as NodeId)) && this.onNode[node]!.every((r) => r.end <= c.start || r.start >= c.end);
    let nodes: number[];
    if (c.nodes.length === 0) {
      if (partition === null) return fail('ERR_INVALID_PARAM', 'give nodes or a partition');
      const candidates = this.cluster.partitions[partition]!.nodes.filter(qualifies);
      const want = c.nodeCount ?? this.cluster.partitions[partition]!.nodes.length;
      if (candidates.length < want) return fail('ERR_INVALID_PARAM', `Not enough nodes available: ${candidates.length} of ${want} qualify`);
      nodes = candidates.slice(0, want);
    } else {
      nodes = [];
      for (const name of c.nodes) {
        const node = this.cluster.node(name);
        if (node === undefined) return fail('ERR_INVALID_NODE_LIST', `unknown node ${name}`);
        if (partition !== null && !this.cluster.partitions[partition]!.nodes.includes(node)) return fail('ERR_INVALID_NODE_LIST', `node ${name} is not in partition ${c.partition}`);
        if (!qualifies(node)) return fail('ERR_INVALID_PARAM', `Not enough nodes available: ${name} has a running job ending after the start or another reservation over the window`);
        if (!nodes.includes(node)) nodes.push(node);
      }
      nodes.sort((a, b) => a - b);
    }
    const list = (allow: readonly string[] | undefined, deny: readonly string[] | undefined): NameList =>
      allow !== undefined ? { kind: 'allow', names: allow } : deny !== undefined ? { kind: 'deny', names: deny } : { kind: 'all' };
    const r: Reservation = { name: c.name, start: c.start, end: c.end, partition, nodes, accounts: list(c.allowedAccounts, c.deniedAccounts), users: list(c.allowedUsers, c.deniedUsers) };
    this.byName.set(r.name, r);
    this.list = [...this.byName.values()];
    for (const n of nodes) this.onNode[n]!.push(r);
    return { ok: true };
  }

  delete(name: string, running: readonly JobRecord[]): AdminResult {
    const r = this.byName.get(name);
    if (r === undefined) return { ok: false, code: 'ERR_NON_EXISTENT', message: `reservation ${name} does not exist` };
    const inside = running.filter((j) => j.spec.reservation === name);
    if (inside.length > 0) return { ok: false, code: 'ERR_INVALID_PARAM', message: `reservation ${name}: ${inside.length} job(s) still run inside (${inside.map((j) => j.spec.externalId).join(', ')})` };
    this.byName.delete(name);
    this.list = [...this.byName.values()];
    for (const n of r.nodes) this.onNode[n] = this.onNode[n]!.filter((x) => x !== r);
    return { ok: true };
  }

  /**
   * `-r name` at submission (CraneSched's `CheckJobValidity`): the reservation exists, the job's
   * partition is the reservation's (if it has one), the account and the user pass its lists, and
   * any `-w` nodes are inside it. Null when the job may use it.
   */
  check(spec: JobSpec, partition: number): Rejected | null {
    const name = spec.reservation;
    if (name === undefined) return null;
    const id = spec.externalId;
    const r = this.byName.get(name);
    if (r === undefined) return { ok: false, code: 'ERR_NON_EXISTENT', message: `job ${id}: reservation ${name} does not exist` };
    if (r.partition !== null && r.partition !== partition) {
      return { ok: false, code: 'ERR_INVALID_PARAM', message: `job ${id}: reservation ${name} is in partition ${this.cluster.partitions[r.partition]!.name}, the job in ${this.cluster.partitions[partition]!.name}` };
    }
    if (!passes(r.accounts, spec.account)) return { ok: false, code: 'ERR_INVALID_PARAM', message: `job ${id}: account '${spec.account}' may not use reservation ${name}` };
    if (!passes(r.users, spec.user)) return { ok: false, code: 'ERR_INVALID_PARAM', message: `job ${id}: user '${spec.user}' may not use reservation ${name}` };
    for (const w of spec.request.includeNodes ?? []) {
      const node = this.cluster.node(w);
      if (node === undefined || !r.nodes.includes(node)) return { ok: false, code: 'ERR_INVALID_PARAM', message: `job ${id}: node ${w} is not in reservation ${name}` };
    }
    return null;
  }

  view(now: Millis): ReservationView[] {
    return this.all.map((r) => ({
      name: r.name,
      start: r.start,
      end: r.end,
      partition: r.partition === null ? null : this.cluster.partitions[r.partition]!.name,
      nodes: r.nodes.map((n) => this.cluster.names[n]!),
      active: r.start <= now && now < r.end,
    }));
  }
}

function passes(list: NameList, name: string): boolean {
  switch (list.kind) {
    case 'all':
      return true;
    case 'allow':
      return list.names.includes(name);
    case 'deny':
      return !list.names.includes(name);
  }
}
