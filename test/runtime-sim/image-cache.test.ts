import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { effectivePullPolicy, ImageCache, type PullPolicy, type PullTiming } from '../../runtime-sim/image-cache.js';

/** A pull takes 1 s + 10 ms per MiB; no timeout unless a test sets one. */
const timing = (timeout: number | null = null): PullTiming => ({ duration: (mib) => 1000 + 10 * mib, timeout });

describe('effectivePullPolicy (CraneSched CriClient::PullImage default)', () => {
  it.each([
    ['busybox', undefined, 'Always'], // untagged
    ['alpine:latest', undefined, 'Always'],
    ['alpine:3.19', undefined, 'IfNotPresent'],
    ['registry:5000/team/img', undefined, 'Always'], // the colon is in the host, not a tag
    ['registry:5000/team/img:v1', undefined, 'IfNotPresent'],
    ['alpine@sha256:abcd', undefined, 'Always'], // CraneSched: a digest counts as untagged
    ['alpine:latest', 'IfNotPresent', 'IfNotPresent'], // an explicit policy wins
    ['alpine:3.19', 'Never', 'Never'],
  ] as const)('%s with %s is %s', (image, policy, expected) => {
    expect(effectivePullPolicy(image, policy)).toBe(expected);
  });
});

describe('ImageCache: pull policies', () => {
  it('IfNotPresent pulls on a miss, then hits; a second step joins a pull in flight', () => {
    const c = new ImageCache(1000);
    // Pull of 100 MiB at t=0: ready at 1000 + 10 x 100 = 2000.
    expect(c.use('a', 100, 'IfNotPresent', 0, timing())).toEqual({ kind: 'pull', reason: 'miss', transferMiB: 100, evicted: [], readyAt: 2000 });
    // At t=500 the pull is still running: containerd joins it, ready at 2000 too.
    expect(c.use('a', 100, 'IfNotPresent', 500, timing())).toEqual({ kind: 'cached', readyAt: 2000 });
    // After it completed: a plain hit, ready now.
    expect(c.use('a', 100, 'IfNotPresent', 5000, timing())).toEqual({ kind: 'cached', readyAt: 5000 });
    expect(c.stats).toEqual({ hits: 2, misses: 1, refreshes: 0, failures: 0, evictions: 0, pulledMiB: 100 });
    expect(c.refs('a')).toBe(3);
  });

  it('Always re-resolves a cached image without transferring it: it costs duration(0) = 1000 ms', () => {
    const c = new ImageCache(1000);
    c.use('a', 100, 'Always', 0, timing()); // miss, ready at 2000
    expect(c.use('a', 100, 'Always', 5000, timing())).toEqual({ kind: 'pull', reason: 'refresh', transferMiB: 0, evicted: [], readyAt: 6000 });
    // During the first pull (ready 2000), a refresh at 1500 waits for max(2000, 1500 + 1000) = 2500.
    const d = new ImageCache(1000);
    d.use('a', 100, 'Always', 0, timing());
    expect(d.use('a', 100, 'Always', 1500, timing())).toMatchObject({ reason: 'refresh', readyAt: 2500 });
  });

  it('Never uses only complete images, else the step fails to prepare', () => {
    const c = new ImageCache(1000, [{ image: 'pre', sizeMiB: 10 }]);
    expect(c.use('pre', 10, 'Never', 0, timing())).toEqual({ kind: 'cached', readyAt: 0 });
    expect(c.use('b', 10, 'Never', 0, timing())).toEqual({ kind: 'not-present' });
    c.use('b', 10, 'IfNotPresent', 0, timing()); // ready at 1100
    expect(c.use('b', 10, 'Never', 1099, timing())).toEqual({ kind: 'not-present' });
    expect(c.use('b', 10, 'Never', 1100, timing())).toEqual({ kind: 'cached', readyAt: 1100 });
    expect(c.stats.failures).toBe(2);
  });

  it('a pull (or a wait for one) longer than the timeout fails at now + timeout and caches nothing', () => {
    const c = new ImageCache(10_000);
    // 1000 + 10 x 600 = 7000 ms > 5000 ms timeout.
    expect(c.use('big', 600, 'IfNotPresent', 100, timing(5000))).toEqual({ kind: 'timeout', failedAt: 5100 });
    expect(c.has('big')).toBe(false);
    // 1000 + 10 x 300 = 4000 ms fits; a joiner at t=0 waiting 4000 fits, a refresh at 0 waits max(4000, 1000).
    expect(c.use('mid', 300, 'IfNotPresent', 0, timing(5000))).toMatchObject({ kind: 'pull', readyAt: 4000 });
    const tight = timing(3000);
    expect(c.use('mid', 300, 'IfNotPresent', 500, tight)).toEqual({ kind: 'timeout', failedAt: 3500 }); // would wait 3500 > 3000
    expect(c.refs('mid')).toBe(1);
  });
});

describe('ImageCache: capacity and LRU eviction', () => {
  it('evicts the least recently used images not in use, oldest first, only as many as needed', () => {
    const c = new ImageCache(300);
    for (const [img, t] of [['a', 0], ['b', 10], ['c', 20]] as const) {
      c.use(img, 100, 'IfNotPresent', t, timing());
      c.release(img);
    }
    c.use('a', 100, 'IfNotPresent', 5000, timing()); // a becomes the most recent (and stays in use)
    expect(c.images()).toEqual(['b', 'c', 'a']);
    // d (150 MiB) needs 150 more: b (100) is not enough, c too (200 freed). a is in use.
    expect(c.use('d', 150, 'IfNotPresent', 6000, timing())).toMatchObject({ kind: 'pull', evicted: ['b', 'c'] });
    expect(c.images()).toEqual(['a', 'd']);
    expect(c.usedMiB).toBe(250);
    expect(c.stats.evictions).toBe(2);
  });

  it('refuses an image that cannot fit, evicting nothing', () => {
    const c = new ImageCache(300);
    c.use('a', 200, 'IfNotPresent', 0, timing()); // in use
    c.use('b', 50, 'IfNotPresent', 0, timing());
    c.release('b');
    expect(c.use('c', 120, 'IfNotPresent', 0, timing())).toEqual({ kind: 'no-space' }); // 50 free + 50 evictable < 120
    expect(c.use('huge', 301, 'IfNotPresent', 0, timing())).toEqual({ kind: 'no-space' });
    expect(c.images()).toEqual(['a', 'b']);
  });

  it('release of an image nobody holds is a bug', () => {
    const c = new ImageCache(10);
    expect(() => c.release('x')).toThrow('ImageCache.release: image x is not in use on this node');
  });

  type Op = { readonly kind: 'use'; readonly image: number; readonly policy: PullPolicy; readonly dt: number } | { readonly kind: 'release'; readonly pick: number };
  const op: fc.Arbitrary<Op> = fc.oneof(
    fc.record({ kind: fc.constant('use' as const), image: fc.integer({ min: 0, max: 7 }), policy: fc.constantFrom<PullPolicy>('IfNotPresent', 'IfNotPresent', 'Always', 'Never'), dt: fc.integer({ min: 0, max: 3000 }) }),
    fc.record({ kind: fc.constant('release' as const), pick: fc.nat() }),
  );
  /** Image i has a fixed size: 40 + 37 i MiB (40 .. 299), so sizes differ and some fill the cache. */
  const sizeOf = (i: number): number => 40 + 37 * i;

  it('properties: never over capacity, pinned images stay, evictions are LRU and minimal, the counts add up', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 600 }), fc.array(op, { maxLength: 60 }), (capacity, ops) => {
        const c = new ImageCache(capacity);
        const held: string[] = []; // one entry per successful use not yet released
        const lastUse = new Map<string, number>(); // image -> index of the op that last used it
        let now = 0;
        let uses = 0;
        let pulled = 0;
        ops.forEach((o, index) => {
          if (o.kind === 'release') {
            if (held.length === 0) return;
            const [img] = held.splice(o.pick % held.length, 1);
            c.release(img!);
            return;
          }
          now += o.dt;
          uses++;
          const image = `img${o.image}`;
          const before = c.images();
          const usedBefore = c.usedMiB;
          const u = c.use(image, sizeOf(o.image), o.policy, now, timing());
          if (u.kind === 'cached' || u.kind === 'pull') {
            held.push(image);
            lastUse.set(image, index);
          }
          if (u.kind === 'pull' && u.reason === 'miss') {
            pulled += sizeOf(o.image);
            for (const v of u.evicted) {
              // Only unpinned images are evicted, and every image that stayed unpinned was used more recently.
              expect(held).not.toContain(v);
              for (const kept of c.images()) {
                if (kept !== image && !held.includes(kept)) expect(lastUse.get(kept)!).toBeGreaterThan(lastUse.get(v) ?? -1);
              }
            }
            // Minimal: without the last victim the image would not have fitted.
            if (u.evicted.length > 0) {
              const freedButLast = u.evicted.slice(0, -1).reduce((s, v) => s + sizeOf(Number(v.slice(3))), 0);
              expect(usedBefore - freedButLast + sizeOf(o.image)).toBeGreaterThan(capacity);
            } else {
              expect(usedBefore + sizeOf(o.image)).toBeLessThanOrEqual(capacity);
            }
            expect(before).not.toContain(image);
          }
          if (u.kind === 'no-space') expect(c.images()).toEqual(before);
          expect(c.usedMiB).toBeLessThanOrEqual(capacity);
          for (const h of held) expect(c.has(h)).toBe(true);
        });
        const s = c.stats;
        expect(s.hits + s.misses + s.refreshes + s.failures).toBe(uses);
        expect(s.pulledMiB).toBe(pulled);
        expect(c.usedMiB).toBe(c.images().reduce((sum, img) => sum + sizeOf(Number(img.slice(3))), 0));
      }),
      { numRuns: 400 },
    );
  });
});
