import { violated } from '../model/assert.js';
import type { UsageSource } from './decayed-usage.js';

/** One account of the fair-share tree. `parent: null` means a top-level account (under the root). */
export interface AccountShare {
  readonly name: string;
  readonly parent: string | null;
  /** Raw shares (≥ 0). Unset means 1, Slurm's default `Fairshare=1`, so unset siblings share equally. */
  readonly shares?: number;
}

/** A problem in the account list given to `ShareTree.build`; `at` is the list position. */
export interface ShareTreeIssue {
  readonly at: number;
  readonly account: string;
  readonly field: 'name' | 'parent' | 'shares';
  readonly message: string;
}

export type ShareTreeResult = { readonly ok: true; readonly value: ShareTree } | { readonly ok: false; readonly issues: readonly ShareTreeIssue[] };

/**
 * The account tree with normalized shares, Slurm's classic definition
 * (https://slurm.schedmd.com/classic_fair_share.html, "Normalized Shares"):
 * S(a) = shares(a) / Σ shares(siblings of a, a included) × S(parent), with S = 1 at the implicit root.
 * A sibling group whose raw shares sum to 0 gives each member S = 0. Immutable once built.
 */
export class ShareTree {
  private constructor(
    private readonly names: readonly string[],
    private readonly chains: ReadonlyMap<string, readonly string[]>,
    private readonly normalized: ReadonlyMap<string, number>,
  ) {}

  /** Validates `accounts` (every problem reported, with its list position) and builds the tree. */
  static build(accounts: readonly AccountShare[]): ShareTreeResult {
    const issues: ShareTreeIssue[] = [];
    const byName = new Map<string, AccountShare>();
    accounts.forEach((a, at) => {
      if (a.name === '') issues.push({ at, account: a.name, field: 'name', message: 'account name is empty' });
      else if (byName.has(a.name)) issues.push({ at, account: a.name, field: 'name', message: `account '${a.name}' is listed twice` });
      else byName.set(a.name, a);
      if (a.shares !== undefined && !(Number.isFinite(a.shares) && a.shares >= 0)) {
        issues.push({ at, account: a.name, field: 'shares', message: `expected a finite number >= 0, got ${a.shares}` });
      }
    });
    accounts.forEach((a, at) => {
      if (a.parent !== null && !byName.has(a.parent)) issues.push({ at, account: a.name, field: 'parent', message: `unknown parent account '${a.parent}'` });
    });
    if (issues.length > 0) return { ok: false, issues };

    const names = [...byName.keys()].sort(compareNames);
    const children = new Map<string | null, string[]>();
    for (const name of names) {
      const parent = byName.get(name)!.parent;
      const group = children.get(parent);
      if (group === undefined) children.set(parent, [name]);
      else group.push(name);
    }

    // Top-down from the root: anything never reached sits on a parent cycle.
    const chains = new Map<string, readonly string[]>();
    const normalized = new Map<string, number>();
    const queue: Array<string | null> = [null];
    for (let q = 0; q < queue.length; q++) {
      const parent = queue[q]!;
      const group = children.get(parent) ?? [];
      let sum = 0;
      for (const c of group) sum += rawShares(byName.get(c)!);
      const parentShare = parent === null ? 1 : normalized.get(parent)!;
      const parentChain = parent === null ? [] : chains.get(parent)!;
      for (const c of group) {
        normalized.set(c, sum > 0 ? (rawShares(byName.get(c)!) / sum) * parentShare : 0);
        chains.set(c, [c, ...parentChain]);
        queue.push(c);
      }
    }
    accounts.forEach((a, at) => {
      if (!chains.has(a.name)) issues.push({ at, account: a.name, field: 'parent', message: `account '${a.name}' is on a parent cycle` });
    });
    if (issues.length > 0) return { ok: false, issues };
    return { ok: true, value: new ShareTree(names, chains, normalized) };
  }

  /** Every account, sorted by name. */
  get accounts(): readonly string[] {
    return this.names;
  }

  has(account: string): boolean {
    return this.chains.has(account);
  }

  /** `[account, parent, …, top-level account]`: what `DecayedUsage.charge` takes. Throws for an unknown account. */
  chainOf(account: string): readonly string[] {
    const chain = this.chains.get(account);
    if (chain === undefined) violated(`account '${account}' is not in the fair-share tree`);
    return chain;
  }

  /** S(account) in [0, 1]; the normalized shares of the top-level accounts sum to 1 (unless all are 0). */
  normalizedShares(account: string): number {
    const s = this.normalized.get(account);
    if (s === undefined) violated(`account '${account}' is not in the fair-share tree`);
    return s;
  }
}

/** One account's fair share, with the inputs a display (`sshare`-like) shows. */
export interface FairShareEntry {
  /** S: normalized shares. */
  readonly normalizedShares: number;
  /** U: the account's decayed usage (its subtree's) over the machine's total, 0 when nothing was used. */
  readonly normalizedUsage: number;
  /** F = 2^(−U/S); 0 when S = 0. In [0, 1]: 1 = unused, 1/2 = used exactly its share. */
  readonly factor: number;
}

export interface DecayedFairShare {
  /** Per account, in name order. */
  readonly entries: ReadonlyMap<string, FairShareEntry>;
  /** Per account, F alone: the `account-factor` fair-share source of `multifactorPriorities`. */
  readonly factors: ReadonlyMap<string, number>;
}

/**
 * The research variant's fair share: Slurm's simplified fair-share formula F = 2^(−U/S)
 * (https://slurm.schedmd.com/classic_fair_share.html, "Simplified Fair-Share Formula"), with S the
 * tree's normalized shares and U the normalized usage from a decayed-usage accumulator. We use U, not
 * Slurm's "effective usage" refinement: the tree enters through S (a product down the chain) and
 * through U being the usage of the account's whole subtree (charges go to every account of a chain).
 */
export function decayedFairShare(tree: ShareTree, usage: UsageSource): DecayedFairShare {
  const entries = new Map<string, FairShareEntry>();
  const factors = new Map<string, number>();
  const total = usage.total;
  for (const account of tree.accounts) {
    const normalizedShares = tree.normalizedShares(account);
    const normalizedUsage = total > 0 ? usage.usageOf(account) / total : 0;
    const factor = normalizedShares > 0 ? 2 ** -(normalizedUsage / normalizedShares) : 0;
    entries.set(account, { normalizedShares, normalizedUsage, factor });
    factors.set(account, factor);
  }
  return { entries, factors };
}

function rawShares(a: AccountShare): number {
  return a.shares ?? 1;
}

function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
