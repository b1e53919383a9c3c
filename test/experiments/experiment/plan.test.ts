import { describe, expect, it } from 'vitest';
import { canonicalJson, DEFAULT_METRICS, DEFAULT_SHAKING, runKey, type TraceSpec } from '../../../experiments/experiment/index.js';
import type { RunKeyInputs } from '../../../experiments/experiment/plan.js';

const trace: TraceSpec = { name: 't', file: '/x/t.swf', fileAsWritten: 't.swf', missingEstimate: 'runtime' };
const base: RunKeyInputs = {
  codeVersion: '0.1.0+abc',
  traceSha256: 'f'.repeat(64),
  trace,
  variant: { name: 'base' },
  profile: { name: 'EASY', backfill: 'easy' },
  seed: 1,
  shaking: DEFAULT_SHAKING,
  metrics: DEFAULT_METRICS,
};

describe('run cache keys', () => {
  const key = runKey(base);

  it('change with every input that can change a result', () => {
    const changed = [
      runKey({ ...base, codeVersion: '0.1.0+abd' }),
      runKey({ ...base, traceSha256: 'e'.repeat(64) }),
      runKey({ ...base, trace: { ...trace, missingEstimate: 'one-second' } }),
      runKey({ ...base, trace: { ...trace, processors: 64 } }),
      runKey({ ...base, variant: { name: 'base', loadScale: 1.1 } }),
      runKey({ ...base, profile: { name: 'EASY', backfill: 'conservative' } }),
      runKey({ ...base, seed: 2 }),
      runKey({ ...base, shaking: { ...DEFAULT_SHAKING, runtimeJitter: 0.1 } }),
      runKey({ ...base, metrics: { ...DEFAULT_METRICS, timeBuckets: 100 } }),
    ];
    expect(new Set([key, ...changed]).size).toBe(changed.length + 1);
  });

  it('do not change with display names or the trace path', () => {
    expect(runKey({ ...base, profile: { name: 'renamed', backfill: 'easy' } })).toBe(key);
    expect(runKey({ ...base, variant: { name: 'renamed' } })).toBe(key);
    expect(runKey({ ...base, trace: { ...trace, name: 'other', file: '/elsewhere/t.swf', fileAsWritten: '../t.swf' } })).toBe(key);
  });

  it('ignore shaking parameters for the unshaken seed 0', () => {
    const unshaken = { ...base, seed: 0 };
    expect(runKey({ ...unshaken, shaking: { submitJitterSeconds: 1, runtimeJitter: 0 } })).toBe(runKey(unshaken));
  });

  it('hash canonical JSON (key order does not matter)', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: undefined, b: null }] })).toBe('{"a":[{"b":null,"d":2}],"b":1}');
  });
});
