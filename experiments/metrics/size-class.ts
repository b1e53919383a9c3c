/**
 * Job size classes by requested CPUs, from ascending upper bounds: bounds [1, 4, 16, 64] give the
 * classes `1`, `2-4`, `5-16`, `17-64` and `65+`. A job of c CPUs falls in the first class whose
 * bound is >= c (fractional CPUs round up).
 */
export interface SizeClasses {
  readonly bounds: readonly number[];
  readonly labels: readonly string[];
}

export const DEFAULT_SIZE_BOUNDS: readonly number[] = [1, 4, 16, 64];

export function sizeClasses(bounds: readonly number[] = DEFAULT_SIZE_BOUNDS): SizeClasses {
  for (let i = 0; i < bounds.length; i++) {
    const b = bounds[i]!;
    if (!Number.isInteger(b) || b < 1 || (i > 0 && b <= bounds[i - 1]!)) {
      throw new Error(`sizeClasses: bounds must be ascending positive integers, got [${bounds.join(', ')}]`);
    }
  }
  const labels: string[] = [];
  let from = 1;
  for (const b of bounds) {
    labels.push(from === b ? String(b) : `${from}-${b}`);
    from = b + 1;
  }
  labels.push(`${from}+`);
  return { bounds, labels };
}

/** The index of the class of a job of `cpus` CPUs. */
export function sizeClassOf(classes: SizeClasses, cpus: number): number {
  const c = Math.ceil(cpus);
  const { bounds } = classes;
  for (let i = 0; i < bounds.length; i++) if (c <= bounds[i]!) return i;
  return bounds.length;
}
