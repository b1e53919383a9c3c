import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/shared.js';
import {
  CONTAINER_COST_SOURCES,
  DEFAULT_CONTAINER_COSTS,
  planContainerStart,
  pullDuration,
  resolveContainerCosts,
  type ContainerCosts,
} from '../../runtime-sim/container-costs.js';
import { ImageCache } from '../../runtime-sim/image-cache.js';

/** Round numbers so the arithmetic in each expectation can be checked by eye. */
const COSTS: ContainerCosts = {
  podStart: 400,
  podStop: 200,
  containerStart: 300,
  containerRemove: 40,
  stopGrace: 10_000,
  pull: { fixed: 100, registryLatency: 150, downloadMiBps: 100, extractMiBps: 50, timeout: 60_000 },
  imageCacheMiB: 1000,
  defaultImageSizeMiB: 200,
};

describe('pullDuration = fixed + registry latency + ceil(MiB/download s + MiB/extract s)', () => {
  it.each([
    [0, 100 + 150], // refresh: no transfer
    [100, 100 + 150 + 1000 + 2000], // 100/100 s + 100/50 s
    [1, 100 + 150 + 10 + 20],
    [0.001, 100 + 150 + 1], // 0.01 + 0.02 ms, rounded up to 1 ms
    [5000, 100 + 150 + 50_000 + 100_000],
  ])('%d MiB takes %d ms', (mib, ms) => {
    expect(pullDuration(mib, COSTS)).toBe(ms);
  });

  it('with the defaults, a 1 GiB image pull is network plus unpack time', () => {
    const d = DEFAULT_CONTAINER_COSTS.pull;
    // 1024 MiB: 1024/downloadMiBps s + 1024/extractMiBps s, plus the fixed parts.
    const expected = d.fixed + d.registryLatency + Math.ceil((1024 * 1000) / d.downloadMiBps + (1024 * 1000) / d.extractMiBps);
    expect(pullDuration(1024, DEFAULT_CONTAINER_COSTS)).toBe(expected);
    // docs/container-costs.md: 271 + 150 + ceil(10 240 + 11 702.86) = 22 364 ms.
    expect(expected).toBe(22_364);
  });
});

describe('planContainerStart', () => {
  it('a miss pulls, then the container starts: runningAt = now + pull + containerStart', () => {
    const cache = new ImageCache(COSTS.imageCacheMiB);
    // python:3.11 has a tag, so the default policy is IfNotPresent; 100 MiB pulls in 3250 ms.
    expect(planContainerStart(cache, { image: 'python:3.11', imageSizeMiB: 100 }, 1000, COSTS)).toEqual({
      ok: true, image: 'miss', imageReadyAt: 1000 + 3250, runningAt: 1000 + 3250 + 300, pullWait: 3250, transferMiB: 100, evicted: [],
    });
    // The same image later on this node: a hit, no pull wait.
    expect(planContainerStart(cache, { image: 'python:3.11', imageSizeMiB: 100 }, 10_000, COSTS)).toEqual({
      ok: true, image: 'cached', imageReadyAt: 10_000, runningAt: 10_300, pullWait: 0, transferMiB: 0, evicted: [],
    });
  });

  it('an untagged image defaults to Always: a cached copy costs a refresh of fixed + registry latency', () => {
    const cache = new ImageCache(COSTS.imageCacheMiB);
    // No size given: the default 200 MiB: 100 + 150 + 2000 + 4000 = 6250 ms.
    expect(planContainerStart(cache, { image: 'busybox' }, 0, COSTS)).toMatchObject({ image: 'miss', pullWait: 6250, transferMiB: 200 });
    expect(planContainerStart(cache, { image: 'busybox' }, 7000, COSTS)).toMatchObject({ image: 'refresh', imageReadyAt: 7000 + 250, runningAt: 7000 + 250 + 300 });
  });

  it('failures: Never without the image fails now; a pull over the timeout fails at now + timeout; no space fails now', () => {
    const cache = new ImageCache(COSTS.imageCacheMiB);
    expect(planContainerStart(cache, { image: 'x:1', pullPolicy: 'Never' }, 5, COSTS)).toEqual({ ok: false, reason: 'image-not-present', failedAt: 5 });
    // 4000 MiB: 250 + 40 000 + 80 000 = 120 250 ms > 60 000 ms.
    expect(planContainerStart(cache, { image: 'big:1', imageSizeMiB: 4000 }, 5, COSTS)).toEqual({ ok: false, reason: 'pull-timeout', failedAt: 60_005 });
    const noLimit = { ...COSTS, pull: { ...COSTS.pull, timeout: null }, imageCacheMiB: 1000 };
    expect(planContainerStart(new ImageCache(1000), { image: 'big:1', imageSizeMiB: 4000 }, 5, noLimit)).toEqual({ ok: false, reason: 'no-space', failedAt: 5 });
  });
});

describe('defaults and overrides', () => {
  it('every default has a source, and the measured ones say so', () => {
    const keys = [
      ...Object.keys(DEFAULT_CONTAINER_COSTS).filter((k) => k !== 'pull'),
      ...Object.keys(DEFAULT_CONTAINER_COSTS.pull).map((k) => `pull.${k}`),
    ].sort();
    expect(Object.keys(CONTAINER_COST_SOURCES).sort()).toEqual(keys);
    for (const k of ['podStart', 'podStop', 'containerStart', 'containerRemove', 'pull.fixed', 'pull.extractMiBps'] as const) {
      expect(CONTAINER_COST_SOURCES[k]).toMatch(/^measured: /);
    }
  });

  it('docs/container-costs.md states the defaults the code uses', () => {
    const doc = readFileSync(join(repoRoot, 'docs', 'container-costs.md'), 'utf8');
    const row = (name: string): string => new RegExp(`^\\| \`${name.replace('.', '\\.')}\` \\| ([^|]+) \\|`, 'm').exec(doc)?.[1]?.trim() ?? 'missing';
    const d = DEFAULT_CONTAINER_COSTS;
    expect([row('podStart'), row('podStop'), row('containerStart'), row('containerRemove'), row('pull.fixed')]).toEqual(
      [d.podStart, d.podStop, d.containerStart, d.containerRemove, d.pull.fixed].map((ms) => `${ms} ms`),
    );
    expect(row('pull.extractMiBps')).toBe(`${d.pull.extractMiBps} MiB/s`);
    expect(row('pull.downloadMiBps')).toBe(`${d.pull.downloadMiBps} MiB/s`);
    expect(row('pull.registryLatency')).toBe(`${d.pull.registryLatency} ms`);
  });

  it('a partial override keeps the other defaults', () => {
    const r = resolveContainerCosts({ podStart: 1000, pull: { downloadMiBps: 12.5, timeout: null } });
    expect(r).toEqual({
      ok: true,
      value: { ...DEFAULT_CONTAINER_COSTS, podStart: 1000, pull: { ...DEFAULT_CONTAINER_COSTS.pull, downloadMiBps: 12.5, timeout: null } },
    });
    expect(resolveContainerCosts(undefined)).toEqual({ ok: true, value: DEFAULT_CONTAINER_COSTS });
  });

  it('bad overrides are reported by field path', () => {
    expect(resolveContainerCosts({ podStart: -1, pull: { downloadMiBps: 0, speed: 1 }, colour: 'x' })).toEqual({
      ok: false,
      issues: [
        { field: 'containerCosts.podStart', message: 'expected an integer number of ms >= 0, got -1' },
        { field: 'containerCosts.colour', message: 'unknown field (known fields: podStart, podStop, containerStart, containerRemove, stopGrace, containerStop, ignoreSigterm, podFailureRate, imageCacheMiB, defaultImageSizeMiB, pull)' },
        { field: 'containerCosts.pull.downloadMiBps', message: 'expected MiB/s > 0, got 0' },
        { field: 'containerCosts.pull.speed', message: 'unknown field (known fields: fixed, registryLatency, downloadMiBps, extractMiBps, timeout)' },
      ],
    });
    expect(resolveContainerCosts([1])).toEqual({ ok: false, issues: [{ field: 'containerCosts', message: 'expected an object, got [1]' }] });
  });
});
