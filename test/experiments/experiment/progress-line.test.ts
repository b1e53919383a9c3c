import { describe, expect, it } from 'vitest';
import { progressLine } from '../../../experiments/experiment/progress-line.js';

describe('the progress line', () => {
  it('shows the bar, the percentage and the runs done, cached and failed', () => {
    expect(progressLine({ total: 15, cached: 3, computed: 4, failed: 0, fraction: 0.5 }, 10)).toBe('[#####.....]  50%  7/15 runs (3 cached)');
    expect(progressLine({ total: 2, cached: 0, computed: 1, failed: 1, fraction: 1 }, 4)).toBe('[####] 100%  2/2 runs (1 failed)');
    expect(progressLine({ total: 4, cached: 0, computed: 0, failed: 0, fraction: 0 }, 4)).toBe('[....]   0%  0/4 runs');
  });
});
