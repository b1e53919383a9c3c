import { describe, expect, it } from 'vitest';
import { UniformAllocations } from '../../../core/scheduler/uniform-allocations.js';

describe('UniformAllocations', () => {
  it('gives [vec] x length, one shared list per (vector, length)', () => {
    const u = new UniformAllocations();
    const a = Float64Array.of(1000, 0);
    const b = Float64Array.of(1000, 0); // equal content, another vector: another list
    const l4 = u.of(a, 4);
    expect(l4).toHaveLength(4);
    expect(l4.every((v) => v === a)).toBe(true);
    expect(u.of(a, 4)).toBe(l4);
    expect(u.of(a, 3)).not.toBe(l4);
    expect(u.of(b, 4)).not.toBe(l4);
    expect(u.of(b, 4)[0]).toBe(b);
  });

  it('stops caching past its limit but still answers', () => {
    const u = new UniformAllocations();
    const a = Float64Array.of(1);
    const big = u.of(a, 1 << 20); // fills the cache exactly
    expect(u.of(a, 1 << 20)).toBe(big);
    const more = u.of(a, 7);
    expect(more).toHaveLength(7);
    expect(u.of(a, 7)).not.toBe(more); // not cached: built per call
  });
});
