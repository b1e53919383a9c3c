/**
 * Slurm/CraneSched style host lists: `n0,n1,n2,n5,gpu3` becomes `n[0-2,5],gpu3`. Names are grouped by
 * their non-numeric prefix in first-seen order; numbers within a group are sorted. Zero-padded
 * numbers (`cn01`) are kept as they are rather than guessing the padding.
 */
export function compressNodeList(names: readonly string[]): string {
  return new NodeNamer(names).list(names.map((_, i) => i));
}

interface ParsedName {
  readonly prefix: string;
  /** NaN when the name has no plain number at its end. */
  readonly number: number;
}

function parse(name: string): ParsedName {
  const m = /^(.*?)(\d+)$/.exec(name);
  if (m === null || (m[2]!.length > 1 && m[2]!.startsWith('0'))) return { prefix: name, number: NaN };
  return { prefix: m[1]!, number: Number(m[2]) };
}

/**
 * Host lists for one cluster: node names are parsed once, so that listing a job's nodes (thousands of
 * them on a large machine, many times a second) costs a sort, not a regular expression per name.
 */
export class NodeNamer {
  private readonly parsed: readonly ParsedName[];

  constructor(private readonly names: readonly string[]) {
    this.parsed = names.map(parse);
  }

  /** The host list of the nodes at these indices (unknown indices show as `#i`). */
  list(indices: readonly number[]): string {
    const groups = new Map<string, number[]>();
    const order: string[] = [];
    for (const i of indices) {
      const p = this.parsed[i];
      if (p === undefined || Number.isNaN(p.number)) {
        order.push(p === undefined ? `#${i}` : this.names[i]!);
        continue;
      }
      let g = groups.get(p.prefix);
      if (g === undefined) {
        g = [];
        groups.set(p.prefix, g);
        order.push(`\u0000${p.prefix}`);
      }
      g.push(p.number);
    }
    return order
      .map((key) => {
        if (!key.startsWith('\u0000')) return key;
        const prefix = key.slice(1);
        const nums = groups.get(prefix)!.sort((a, b) => a - b);
        const unique = nums.filter((n, k) => k === 0 || n !== nums[k - 1]);
        return unique.length === 1 ? `${prefix}${unique[0]}` : `${prefix}[${ranges(unique).join(',')}]`;
      })
      .join(',');
  }
}

function ranges(sorted: readonly number[]): string[] {
  const out: string[] = [];
  let start = sorted[0]!;
  let prev = start;
  for (let i = 1; i <= sorted.length; i++) {
    const n = sorted[i];
    if (n !== undefined && n === prev + 1) {
      prev = n;
      continue;
    }
    out.push(start === prev ? `${start}` : `${start}-${prev}`);
    if (n !== undefined) start = prev = n;
  }
  return out;
}
