import { describe, expect, it } from 'vitest';
import { sizeClasses, sizeClassOf } from '../../../experiments/metrics/size-class.js';

describe('job size classes', () => {
  it('labels classes from upper bounds', () => {
    expect(sizeClasses([1, 4, 16, 64]).labels).toEqual(['1', '2-4', '5-16', '17-64', '65+']);
    expect(sizeClasses([8]).labels).toEqual(['1-8', '9+']);
  });

  it('puts a job in the first class whose bound holds it (fractional CPUs round up)', () => {
    const c = sizeClasses([1, 4, 16, 64]);
    expect([1, 2, 4, 4.5, 16, 17, 64, 65, 1000].map((n) => sizeClassOf(c, n))).toEqual([0, 1, 1, 2, 2, 3, 3, 4, 4]);
  });

  it('rejects bounds that are not ascending positive integers', () => {
    expect(() => sizeClasses([4, 4])).toThrow(/ascending/);
    expect(() => sizeClasses([0, 4])).toThrow(/ascending/);
  });
});
