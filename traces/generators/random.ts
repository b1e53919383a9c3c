import seedrandom from 'seedrandom';

/**
 * Seeded draws for workload generators. One `Draws` wraps one seedrandom ARC4 stream; the same seed
 * gives the same sequence on every platform (ARC4 is integer arithmetic; `Math.log`/`Math.exp` in V8
 * are a deterministic software port, and results are rounded to whole ms or MiB anyway).
 */
export class Draws {
  private readonly rng: seedrandom.PRNG;

  constructor(seed: string) {
    this.rng = seedrandom(seed);
  }

  /** Uniform in [0, 1). */
  unit(): number {
    return this.rng();
  }

  /** Uniform integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.rng() * (max - min + 1));
  }

  /** Uniform in [min, max). */
  uniform(min: number, max: number): number {
    return min + this.rng() * (max - min);
  }

  /** Log-uniform in [min, max): as many short as long values per decade. */
  logUniform(min: number, max: number): number {
    return min === max ? min : Math.exp(this.uniform(Math.log(min), Math.log(max)));
  }

  /** Exponential with the given mean (Poisson-process gaps). */
  exponential(mean: number): number {
    return -mean * Math.log(1 - this.rng());
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.rng() < p;
  }

  /** One item, chosen with probability proportional to its weight (weights > 0). */
  weighted<T extends { readonly weight: number }>(items: readonly T[]): T {
    const total = items.reduce((s, i) => s + i.weight, 0);
    let x = this.rng() * total;
    for (const item of items) {
      x -= item.weight;
      if (x < 0) return item;
    }
    return items[items.length - 1]!;
  }
}
