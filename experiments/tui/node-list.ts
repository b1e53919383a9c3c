/**
 * Slurm/CraneSched style host lists: `n0,n1,n2,n5,gpu3` becomes `n[0-2,5],gpu3`. Names are grouped by
 * their non-numeric prefix in first-seen order; numbers within a group are sorted.
 */
export function compressNodeList(names: readonly string[]): string {
  const groups = new Map<string, number[]>();
  const order: string[] = [];
  for (const name of names) {
    const m = /^(.*?)(\d+)$/.exec(name);
    if (m === null || (m[2]!.length > 1 && m[2]!.startsWith('0'))) {
      // no number, or zero-padded: keep as it is rather than guess the padding
      order.push(name);
      continue;
    }
    const prefix = m[1]!;
    let g = groups.get(prefix);
    if (g === undefined) {
      g = [];
      groups.set(prefix, g);
      order.push(`\u0000${prefix}`);
    }
    g.push(Number(m[2]));
  }
  return order
    .map((key) => {
      if (!key.startsWith('\u0000')) return key;
      const prefix = key.slice(1);
      const nums = [...new Set(groups.get(prefix)!)].sort((a, b) => a - b);
      if (nums.length === 1) return `${prefix}${nums[0]}`;
      return `${prefix}[${ranges(nums).join(',')}]`;
    })
    .join(',');
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
