/**
 * Jain's fairness index J(x) = (sum x)^2 / (n * sum x^2) over n non-negative values: 1 when all are
 * equal, 1/n when one value takes everything. By convention 1 for an empty list or all zeros
 * (nothing to be unfair about).
 */
export function jainIndex(xs: readonly number[]): number {
  let sum = 0;
  let sumSq = 0;
  for (const x of xs) {
    if (!(x >= 0)) throw new Error(`jainIndex: values must be non-negative numbers, got ${x}`);
    sum += x;
    sumSq += x * x;
  }
  if (xs.length === 0 || sumSq === 0) return 1;
  return (sum * sum) / (xs.length * sumSq);
}

/** Configured shares of accounts, for "delivered share against configured share". */
export interface ShareConfig {
  /** Weight per account name; they are normalized over the accounts present in a run. */
  readonly shares: Readonly<Record<string, number>>;
  /** Weight of an account not listed in `shares`. */
  readonly defaultShare: number;
}

export interface AccountShare {
  readonly account: string;
  /** Normalized configured share (0..1) among the accounts present. */
  readonly configured: number;
  /** Fraction of all delivered CPU time (0..1). */
  readonly delivered: number;
}

/**
 * Delivered against configured share per account, given each account's delivered CPU seconds.
 * Accounts whose configured weight is 0 are listed with configured 0 (and left out of the Jain
 * index of delivered/configured ratios, where they would divide by zero).
 */
export function accountShares(usage: ReadonlyMap<string, number>, config: ShareConfig): AccountShare[] {
  let total = 0;
  let weights = 0;
  for (const [account, cpuSeconds] of usage) {
    total += cpuSeconds;
    weights += config.shares[account] ?? config.defaultShare;
  }
  return [...usage.keys()].sort(compareStrings).map((account) => ({
    account,
    configured: weights > 0 ? (config.shares[account] ?? config.defaultShare) / weights : 0,
    delivered: total > 0 ? usage.get(account)! / total : 0,
  }));
}

/** Jain's index over delivered/configured ratios: 1 when every account got exactly its share. */
export function shareFairness(shares: readonly AccountShare[]): number {
  return jainIndex(shares.filter((s) => s.configured > 0).map((s) => s.delivered / s.configured));
}

/** Code-unit order, independent of locale: the same on every machine. */
export const compareStrings = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
