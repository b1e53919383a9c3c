import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DecayedUsage,
  ShareTree,
  decayedFairShare,
  multifactorPriorities,
  type AccountShare,
  type UsageSource,
} from '../../../core/priority/index.js';
import { indexed, pending, weights } from './jobs.js';

function tree(accounts: readonly AccountShare[]): ShareTree {
  const built = ShareTree.build(accounts);
  if (!built.ok) throw new Error(JSON.stringify(built.issues));
  return built.value;
}

/** A usage source given as numbers: subtree usage per account and the machine total. */
const usage = (per: Record<string, number>, total: number): UsageSource => ({ usageOf: (a) => per[a] ?? 0, total });

// Slurm's classic fair-share example: A, B, C, D under the root; A split into A1..A4 (shares unset: 1 each).
const SLURM_EXAMPLE: readonly AccountShare[] = [
  { name: 'A', parent: null, shares: 40 },
  { name: 'B', parent: null, shares: 30 },
  { name: 'C', parent: null, shares: 20 },
  { name: 'D', parent: null, shares: 10 },
  { name: 'A1', parent: 'A' },
  { name: 'A2', parent: 'A' },
  { name: 'A3', parent: 'A' },
  { name: 'A4', parent: 'A' },
];

describe('ShareTree', () => {
  it('normalizes shares as a product of sibling fractions down the chain', () => {
    const t = tree(SLURM_EXAMPLE);
    expect(t.normalizedShares('A')).toBeCloseTo(0.4, 15); // 40/(40+30+20+10)
    expect(t.normalizedShares('D')).toBeCloseTo(0.1, 15); // 10/100
    expect(t.normalizedShares('A3')).toBeCloseTo(0.1, 15); // 1/4 × 0.4: unset shares are 1, so equal
    expect(t.accounts).toEqual(['A', 'A1', 'A2', 'A3', 'A4', 'B', 'C', 'D']);
    expect(t.chainOf('A3')).toEqual(['A3', 'A']);
    expect(t.chainOf('B')).toEqual(['B']);
  });

  it('gives an unset share 1 next to configured siblings, and 0 to a group whose shares sum to 0', () => {
    const t = tree([
      { name: 'x', parent: null, shares: 3 },
      { name: 'y', parent: null },
      { name: 'y1', parent: 'y', shares: 0 },
      { name: 'y2', parent: 'y', shares: 0 },
    ]);
    expect([t.normalizedShares('x'), t.normalizedShares('y')]).toEqual([0.75, 0.25]); // 3/4, 1/4
    expect([t.normalizedShares('y1'), t.normalizedShares('y2')]).toEqual([0, 0]);
  });

  it('reports every problem with its list position and field', () => {
    const built = ShareTree.build([
      { name: 'a', parent: null },
      { name: 'a', parent: null },
      { name: '', parent: null },
      { name: 'b', parent: 'nope' },
      { name: 'c', parent: null, shares: -1 },
      { name: 'd', parent: null, shares: NaN },
    ]);
    expect(built.ok).toBe(false);
    if (built.ok) return;
    expect(built.issues.map((i) => [i.at, i.field])).toEqual([
      [1, 'name'],
      [2, 'name'],
      [4, 'shares'],
      [5, 'shares'],
      [3, 'parent'],
    ]);
    expect(built.issues[4]!.message).toBe("unknown parent account 'nope'");
  });

  it('reports accounts on a parent cycle', () => {
    const built = ShareTree.build([
      { name: 'ok', parent: null },
      { name: 'p', parent: 'q' },
      { name: 'q', parent: 'p' },
      { name: 's', parent: 's' },
    ]);
    expect(built.ok).toBe(false);
    if (built.ok) return;
    expect(built.issues.map((i) => i.account)).toEqual(['p', 'q', 's']);
    expect(built.issues[0]!.message).toMatch(/cycle/);
  });

  it('throws for an account it does not know (a bug in the caller)', () => {
    expect(() => tree(SLURM_EXAMPLE).chainOf('Z')).toThrow(/'Z'/);
    expect(() => tree(SLURM_EXAMPLE).normalizedShares('Z')).toThrow(/'Z'/);
  });
});

describe('decayedFairShare: F = 2^(−U/S)', () => {
  it('computes F from normalized shares and normalized usage', () => {
    const t = tree(SLURM_EXAMPLE);
    // total 100: A used 40 (its share), A1 used 30 of A's, B used 60, C and D nothing
    const fs = decayedFairShare(t, usage({ A: 40, A1: 30, A2: 10, B: 60 }, 100));
    expect(fs.entries.get('A')).toEqual({ normalizedShares: 0.4, normalizedUsage: 0.4, factor: 0.5 }); // 2^(−0.4/0.4)
    expect(fs.factors.get('B')).toBeCloseTo(2 ** -2, 15); // U = 0.6, S = 0.3: 2^(−2)
    expect(fs.factors.get('C')).toBe(1); // unused: 2^0
    expect(fs.factors.get('A1')).toBeCloseTo(2 ** -3, 15); // U = 0.3, S = 0.1: 2^(−3)
    expect(fs.factors.get('A2')).toBeCloseTo(0.5, 15); // U = 0.1, S = 0.1
    expect([...fs.factors.keys()]).toEqual(t.accounts);
  });

  it('gives 1 to everyone before any usage and 0 to a zero-share account', () => {
    const t = tree([
      { name: 'a', parent: null },
      { name: 'z', parent: null, shares: 0 },
    ]);
    expect(Object.fromEntries(decayedFairShare(t, usage({}, 0)).factors)).toEqual({ a: 1, z: 0 });
  });

  it('feeds the multifactor formula as its fair-share source: heavy past users sink', () => {
    const t = tree([
      { name: 'heavy', parent: null },
      { name: 'light', parent: null },
    ]);
    const u = new DecayedUsage(3_600_000, 0);
    u.advanceTo(7_200_000);
    u.charge(t.chainOf('heavy'), 64, 0, 3_600_000);
    u.charge(t.chainOf('light'), 1, 0, 3_600_000);
    const fs = decayedFairShare(t, u);
    const jobs = indexed([pending({ account: 'heavy', submit: 0 }), pending({ account: 'light', submit: 0 })]);
    const [heavy, light] = multifactorPriorities(jobs, weights({ fairShare: 1000 }, { fairShare: { type: 'account-factor', factorOf: fs.factors } }), 7_200_000);
    // U = 64/65 and 1/65, S = 1/2: 1000 × 2^(−128/65) ≈ 255.4 and 1000 × 2^(−2/65) ≈ 978.9
    expect(heavy!.priority).toBeCloseTo(1000 * 2 ** (-128 / 65), 9);
    expect(light!.priority).toBeCloseTo(1000 * 2 ** (-2 / 65), 9);
  });

  const treeArb = fc
    .array(fc.record({ parentPick: fc.nat(), shares: fc.option(fc.integer({ min: 0, max: 100 })) }), { minLength: 1, maxLength: 12 })
    .map((rs) =>
      rs.map((r, i): AccountShare => {
        const parent = i === 0 || r.parentPick % (i + 1) === i ? null : `acct${r.parentPick % i}`;
        return r.shares === null ? { name: `acct${i}`, parent } : { name: `acct${i}`, parent, shares: r.shares };
      }),
    );

  it('property: top-level shares sum to 1, F lies in [0, 1], and more usage never raises F', () => {
    fc.assert(
      fc.property(treeArb, fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 1000 }))), (accounts, charges) => {
        const t = tree(accounts);
        const top = accounts.filter((a) => a.parent === null).map((a) => t.normalizedShares(a.name));
        const sum = top.reduce((s, x) => s + x, 0);
        if (sum > 0) expect(sum).toBeCloseTo(1, 12);
        const u = new DecayedUsage(1000, 0);
        u.advanceTo(1000);
        for (const [pick, rate] of charges) u.charge(t.chainOf(accounts[pick % accounts.length]!.name), rate, 0, 1000);
        const fs = decayedFairShare(t, u);
        for (const [name, e] of fs.entries) {
          expect(e.factor).toBeGreaterThanOrEqual(0);
          expect(e.factor).toBeLessThanOrEqual(1);
          for (const [other, o] of fs.entries) {
            if (other !== name && o.normalizedShares === e.normalizedShares && o.normalizedUsage > e.normalizedUsage) expect(o.factor).toBeLessThanOrEqual(e.factor);
          }
        }
      }),
    );
  });

  it('property: time passing without new usage leaves every factor unchanged', () => {
    fc.assert(
      fc.property(treeArb, fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 1000 })), { minLength: 1 }), fc.integer({ min: 1, max: 20_000 }), (accounts, charges, wait) => {
        const t = tree(accounts);
        const u = new DecayedUsage(1000, 0);
        u.advanceTo(1000);
        for (const [pick, rate] of charges) u.charge(t.chainOf(accounts[pick % accounts.length]!.name), rate, 0, 1000);
        const before = decayedFairShare(t, u).factors;
        u.advanceTo(1000 + wait);
        const after = decayedFairShare(t, u).factors;
        for (const [name, f] of before) expect(after.get(name)).toBeCloseTo(f, 9);
      }),
    );
  });
});
