import { describe, expect, it } from 'vitest';
import { parseCpuMilli, parseDuration, parseGresRequest, parseMemoryAmount, parseNodeMemory, parsePriorityMaxAge, parseTres } from '../../../core/config/index.js';

describe('parseNodeMemory (CraneSched util::ParseMemory: a whole number with K, M, G or B)', () => {
  it.each([
    ['256G', 256 * 1024],
    ['512M', 512],
    ['2048K', 2],
    ['1048576B', 1],
    [' 8G ', 8192],
  ])('%s = %i MiB', (text, mib) => {
    expect(parseNodeMemory(text)).toEqual({ ok: true, value: mib });
  });

  it.each([
    ['1T', 'expected a memory size: a whole number with a unit K, M, G or B (e.g. 256G), got "1T"'],
    ['8g', 'expected a memory size: a whole number with a unit K, M, G or B (e.g. 256G), got "8g"'],
    [512, 'expected a memory size: a whole number with a unit K, M, G or B (e.g. 256G), got 512'],
    ['1.5G', 'expected a memory size: a whole number with a unit K, M, G or B (e.g. 256G), got "1.5G"'],
    ['2GB', 'expected a memory size: a whole number with a unit K, M, G or B (e.g. 256G), got "2GB"'],
    ['512K', 'memory is kept in whole MiB; "512K" is 0.5000 MiB'],
  ])('rejects %j', (v, message) => {
    expect(parseNodeMemory(v)).toEqual({ ok: false, message });
  });
});

describe('parseMemoryAmount (CraneSched util::ParseMemStringAsByte: optional unit, default MiB)', () => {
  it.each([
    ['64G', 65536],
    ['64g', 65536],
    ['1.5G', 1536],
    ['300', 300],
    [300, 300],
    ['1024k', 1],
    ['0', 0],
  ])('%j = %i MiB', (v, mib) => {
    expect(parseMemoryAmount(v)).toEqual({ ok: true, value: mib });
  });

  it.each([
    ['lots', 'expected a memory size like 512M or 4G (no unit: MiB), got "lots"'],
    [1.5, 'expected a whole number of MiB or a size like 512M or 4G, got 1.5'],
    [-1, 'expected a whole number of MiB or a size like 512M or 4G, got -1'],
    ['1T', 'expected a memory size like 512M or 4G (no unit: MiB), got "1T"'],
    ['100B', 'memory is kept in whole MiB; "100B" is 0.0001 MiB'],
  ])('rejects %j', (v, message) => {
    expect(parseMemoryAmount(v)).toEqual({ ok: false, message });
  });
});

describe('parseCpuMilli', () => {
  it.each([
    [2, 2000],
    [0.5, 500],
    ['2.25', 2250],
    [0.001, 1],
  ])('%j = %i milli-CPUs', (v, milli) => {
    expect(parseCpuMilli(v)).toEqual({ ok: true, value: milli });
  });

  it.each([
    [0, 'expected a positive CPU count (fractions allowed, e.g. 0.5), got 0'],
    [-2, 'expected a positive CPU count (fractions allowed, e.g. 0.5), got -2'],
    ['two', 'expected a positive CPU count (fractions allowed, e.g. 0.5), got "two"'],
    [0.0001, 'CPU counts are kept in thousandths of a CPU; 0.0001 has more decimals'],
  ])('rejects %j', (v, message) => {
    expect(parseCpuMilli(v)).toEqual({ ok: false, message });
  });
});

describe('parseDuration (numbers are seconds)', () => {
  it.each([
    [3600, 3_600_000],
    ['3600', 3_600_000],
    ['2:00:00', 7_200_000],
    ['1-12:00:00', 129_600_000],
    ['05:30', 330_000],
    ['2-06', 194_400_000],
    ['90m', 5_400_000],
    ['1h30m', 5_400_000],
    ['1w', 604_800_000],
    ['10s', 10_000],
    [0.5, 500],
  ])('%j = %i ms', (v, ms) => {
    expect(parseDuration(v)).toEqual({ ok: true, value: ms });
  });

  it.each(['1:60:00', '1h 30m', '-5', 'soon', true, -1])('rejects %j', (v) => {
    const r = parseDuration(v);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/^expected a duration: seconds \(3600\), \[D-\]HH:MM:SS \(1-02:00:00\) or units \(1h30m\), got /);
  });
});

describe('parsePriorityMaxAge (CraneSched: H:M:S, D-H, M, D-H:M:S)', () => {
  it.each([
    ['14-0', 14 * 86_400_000],
    ['1:30:00', 5_400_000],
    [30, 1_800_000],
    ['30', 1_800_000],
    ['1-2:03:04', (86_400 + 7200 + 180 + 4) * 1000],
  ])('%j = %i ms', (v, ms) => {
    expect(parsePriorityMaxAge(v)).toEqual({ ok: true, value: ms });
  });

  it('rejects other forms (CraneSched would silently keep the default)', () => {
    expect(parsePriorityMaxAge('7d')).toEqual({ ok: false, message: 'expected H:M:S, D-H, M (minutes) or D-H:M:S, got "7d"' });
  });
});

describe('parseGresRequest (--gres, per node)', () => {
  it('reads typed and untyped requests, sorted', () => {
    expect(parseGresRequest('nic:1,gpu:a100:2,gpu:1')).toEqual({
      ok: true,
      value: [
        { name: 'gpu', type: null, count: 1 },
        { name: 'gpu', type: 'a100', count: 2 },
        { name: 'nic', type: null, count: 1 },
      ],
    });
  });

  it.each([
    ['gpu', 'expected name:count or name:type:count (e.g. gpu:2, gpu:a100:2), got "gpu"'],
    ['gpu:a:b:1', 'expected name:count or name:type:count (e.g. gpu:2, gpu:a100:2), got "gpu:a:b:1"'],
    ['gpu:0', '"gpu:0": the count must be a positive integer, got "0"'],
    ['gpu:2,gpu:1', 'gpu:1 is given twice in "gpu:2,gpu:1"'],
  ])('rejects %s', (v, message) => {
    expect(parseGresRequest(v)).toEqual({ ok: false, message });
  });
});

describe('parseTres (cpu:N,mem:SIZE,gres/name[:type]:N)', () => {
  it.each([
    ['cpu:32,mem:64G,gres/gpu:4', { cpuMilli: 32000, memMiB: 65536, gres: [{ name: 'gpu', type: null, count: 4 }] }],
    ['cpu:0.5', { cpuMilli: 500, gres: [] }],
    ['mem:2048,gres/gpu:a100:2,gres/gpu:v100:1', { memMiB: 2048, gres: [{ name: 'gpu', type: 'a100', count: 2 }, { name: 'gpu', type: 'v100', count: 1 }] }],
    ['cpu:unlimited,mem:unlimited,gres/gpu:unlimited', { gres: [] }],
    ['', { gres: [] }],
  ])('%s', (text, value) => {
    expect(parseTres(text)).toEqual({ ok: true, value });
  });

  it.each([
    ['cpu:4,cpu:8', 'cpu is given twice in "cpu:4,cpu:8"'],
    ['disk:10', 'unknown TRES "disk" in "disk:10"; expected cpu, mem or gres/<name>'],
    ['cpu', 'expected cpu:N, mem:SIZE or gres/name[:type]:N, got "cpu"'],
    ['mem:lots', 'mem: expected a memory size like 512M or 4G (no unit: MiB), got "lots"'],
    ['gres/gpu', '"gres/gpu": expected gres/name:count or gres/name:type:count'],
    [32, 'expected a TRES string like cpu:32,mem:64G,gres/gpu:4, got 32'],
  ])('rejects %j', (v, message) => {
    expect(parseTres(v)).toEqual({ ok: false, message });
  });
});
