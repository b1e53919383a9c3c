import type { Millis } from '../core/index.js';

/**
 * One node's image store, as the simulator models it: a capacity in MiB, least-recently-used
 * eviction of images no container is using, pulls that take time, and CraneSched's pull policies.
 * Pure and deterministic: time is an argument, iteration order is insertion order.
 */

/** CRI image pull policies (the container workload's `pullPolicy`). */
export type PullPolicy = 'Always' | 'IfNotPresent' | 'Never';

/**
 * The policy CraneSched applies (`CriClient::PullImage`): the step's own, or when it gives none,
 * `Always` for an untagged, `:latest` or digest (`@sha256:...`) reference and `IfNotPresent` for
 * any other tag. (Kubernetes would use IfNotPresent for a digest; CraneSched's code does not.)
 */
export function effectivePullPolicy(image: string, policy: PullPolicy | undefined): PullPolicy {
  if (policy !== undefined) return policy;
  if (image.includes('@')) return 'Always';
  const slash = image.lastIndexOf('/');
  const colon = image.lastIndexOf(':');
  const tagged = colon >= 0 && colon > slash;
  return !tagged || image.slice(colon + 1) === 'latest' ? 'Always' : 'IfNotPresent';
}

/** How long a pull takes and how long a pull may take. */
export interface PullTiming {
  /** Duration of a `PullImage` call that transfers `transferMiB` (0 for an up-to-date image). */
  duration(transferMiB: number): Millis;
  /** A pull (or a wait for another step's pull) longer than this fails; null: no limit. */
  readonly timeout: Millis | null;
}

/**
 * What starting a container with an image on this node needs:
 * - `cached`: the image is here (or being pulled by another step, which this one joins);
 * - `pull`: a `PullImage` call: `miss` downloads the whole image (after evicting `evicted`), `refresh`
 *   is `Always` on a cached image: containerd re-resolves the manifest but has every layer, so
 *   nothing is transferred;
 * - `not-present`: policy `Never` and the image is not (yet) here: the step fails to prepare;
 * - `no-space`: the image does not fit even after evicting every image not in use;
 * - `timeout`: the pull, or the wait for it, would exceed the pull timeout; fails at `failedAt`.
 * `cached` and `pull` pin the image until `release`; the others leave the cache unchanged.
 */
export type ImageUse =
  | { readonly kind: 'cached'; readonly readyAt: Millis }
  | { readonly kind: 'pull'; readonly reason: 'miss' | 'refresh'; readonly transferMiB: number; readonly evicted: readonly string[]; readonly readyAt: Millis }
  | { readonly kind: 'not-present' }
  | { readonly kind: 'no-space' }
  | { readonly kind: 'timeout'; readonly failedAt: Millis };

export interface ImageCacheStats {
  /** Uses served from the cache with no pull call of their own (`cached`), including joins of a pull in flight. */
  readonly hits: number;
  /** Pulls that transferred the image. */
  readonly misses: number;
  /** `Always` pulls of a cached image. */
  readonly refreshes: number;
  /** Uses that failed: `not-present`, `no-space`, `timeout`. */
  readonly failures: number;
  readonly evictions: number;
  /** MiB transferred by misses. */
  readonly pulledMiB: number;
}

interface Entry {
  /** Size in whole KiB (rounded up), so that sums stay exact. */
  readonly sizeKiB: number;
  /** When the image is complete on the node. */
  readyAt: Millis;
  /** Containers using it (pinned while > 0). */
  refs: number;
}

export class ImageCache {
  /** Images in least-recently-used-first order (a Map keeps insertion order; a use re-inserts). */
  private readonly entries = new Map<string, Entry>();
  /** KiB held by cached and in-flight images. */
  private used = 0;
  private readonly capacityKiB: number;
  private s = { hits: 0, misses: 0, refreshes: 0, failures: 0, evictions: 0, pulledMiB: 0 };

  /** `preloaded` images are present from time 0 (e.g. pre-pulled by the site), oldest first. */
  constructor(
    readonly capacityMiB: number,
    preloaded: readonly { readonly image: string; readonly sizeMiB: number }[] = [],
  ) {
    if (!(capacityMiB >= 0)) throw new Error(`ImageCache: capacity must be >= 0 MiB, got ${capacityMiB}`);
    this.capacityKiB = Math.floor(capacityMiB * 1024);
    for (const p of preloaded) {
      if (this.entries.has(p.image)) continue;
      const sizeKiB = toKiB(p.sizeMiB);
      if (this.used + sizeKiB > this.capacityKiB) throw new Error(`ImageCache: preloaded image ${p.image} (${p.sizeMiB} MiB) does not fit in ${capacityMiB} MiB`);
      this.entries.set(p.image, { sizeKiB, readyAt: 0, refs: 0 });
      this.used += sizeKiB;
    }
  }

  /** MiB held by cached images and pulls in flight (sizes rounded up to whole KiB). */
  get usedMiB(): number {
    return this.used / 1024;
  }

  get stats(): ImageCacheStats {
    return { ...this.s };
  }

  has(image: string): boolean {
    return this.entries.has(image);
  }

  /** Containers currently holding `image` (0 when absent). */
  refs(image: string): number {
    return this.entries.get(image)?.refs ?? 0;
  }

  /** Cached images, least recently used first. */
  images(): string[] {
    return [...this.entries.keys()];
  }

  /**
   * A container on this node needs `image` (of `sizeMiB`) at `now` under `policy` (already made
   * effective with `effectivePullPolicy`). Records the use and returns what it costs.
   */
  use(image: string, sizeMiB: number, policy: PullPolicy, now: Millis, pull: PullTiming): ImageUse {
    const entry = this.entries.get(image);
    const tooLong = (readyAt: Millis): boolean => pull.timeout !== null && readyAt - now > pull.timeout;
    const fail = (u: ImageUse): ImageUse => {
      this.s.failures++;
      return u;
    };
    if (entry !== undefined) {
      // Never and IfNotPresent see only a complete image; an in-flight pull is not one yet. IfNotPresent
      // then calls PullImage, which containerd serves by joining the pull already under way.
      if (policy === 'Never' && entry.readyAt > now) return fail({ kind: 'not-present' });
      const readyAt = policy === 'Always' ? Math.max(entry.readyAt, now + pull.duration(0)) : Math.max(entry.readyAt, now);
      if (tooLong(readyAt)) return fail({ kind: 'timeout', failedAt: now + pull.timeout! });
      this.touch(image, entry);
      entry.refs++;
      if (policy === 'Always') {
        this.s.refreshes++;
        return { kind: 'pull', reason: 'refresh', transferMiB: 0, evicted: [], readyAt };
      }
      this.s.hits++;
      return { kind: 'cached', readyAt };
    }
    if (policy === 'Never') return fail({ kind: 'not-present' });
    const readyAt = now + pull.duration(sizeMiB);
    if (tooLong(readyAt)) return fail({ kind: 'timeout', failedAt: now + pull.timeout! });
    const sizeKiB = toKiB(sizeMiB);
    const evicted = this.makeRoom(sizeKiB);
    if (evicted === undefined) return fail({ kind: 'no-space' });
    this.entries.set(image, { sizeKiB, readyAt, refs: 1 });
    this.used += sizeKiB;
    this.s.misses++;
    this.s.pulledMiB += sizeMiB;
    return { kind: 'pull', reason: 'miss', transferMiB: sizeMiB, evicted, readyAt };
  }

  /** A container that used `image` has ended (or was never started); the image may be evicted again. */
  release(image: string): void {
    const entry = this.entries.get(image);
    if (entry === undefined || entry.refs === 0) throw new Error(`ImageCache.release: image ${image} is not in use on this node`);
    entry.refs--;
  }

  private touch(image: string, entry: Entry): void {
    this.entries.delete(image);
    this.entries.set(image, entry);
  }

  /**
   * Evicts least-recently-used images not in use until `sizeKiB` more fits. Returns the evicted
   * images, or undefined (evicting nothing) when even evicting all of them would not be enough.
   */
  private makeRoom(sizeKiB: number): string[] | undefined {
    const need = this.used + sizeKiB - this.capacityKiB;
    if (need <= 0) return [];
    const victims: string[] = [];
    let freed = 0;
    for (const [image, e] of this.entries) {
      if (freed >= need) break;
      if (e.refs > 0) continue;
      victims.push(image);
      freed += e.sizeKiB;
    }
    if (freed < need) return undefined;
    for (const image of victims) {
      this.used -= this.entries.get(image)!.sizeKiB;
      this.entries.delete(image);
    }
    this.s.evictions += victims.length;
    return victims;
  }
}

const toKiB = (mib: number): number => Math.ceil(mib * 1024 - 1e-9);
