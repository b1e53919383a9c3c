import { parseGresItem, sortGres, type GresAmount } from './gres.js';
import { describeValue, failed, parsed, type Parsed } from './issues.js';
import { parseCpuMilli, parseMemoryAmount } from './units.js';

/**
 * A TRES limit (CraneSched `ResourceView`, parsed by `util::ConvertStringToResourceView`).
 * A dimension that is absent is unlimited.
 */
export interface Tres {
  readonly cpuMilli?: number;
  readonly memMiB?: number;
  /** Per GRES name and optional type; `gres/gpu:4` limits every GPU type together. */
  readonly gres: readonly GresAmount[];
}

export const UNLIMITED_TRES: Tres = { gres: [] };

/**
 * `cpu:32,mem:64G,gres/gpu:4,gres/gpu:a100:2`. `unlimited` as a value leaves the dimension
 * unlimited. The memory value follows `--mem` (no unit: MiB). A dimension given twice is an
 * error (CraneSched keeps the last one).
 */
export function parseTres(v: unknown): Parsed<Tres> {
  if (typeof v !== 'string') return failed(`expected a TRES string like cpu:32,mem:64G,gres/gpu:4, got ${describeValue(v)}`);
  let cpuMilli: number | undefined;
  let memMiB: number | undefined;
  const seen = new Set<string>();
  const gres: GresAmount[] = [];
  const items = v.split(',').map((s) => s.trim());
  for (const item of items) {
    if (item.length === 0) continue;
    const key = item.startsWith('gres/') ? item.slice(0, item.lastIndexOf(':')) : item.split(':')[0]!;
    if (seen.has(key)) return failed(`${key} is given twice in ${JSON.stringify(v)}`);
    seen.add(key);
    if (item.startsWith('gres/')) {
      const body = item.slice(5);
      if (body.endsWith(':unlimited')) continue;
      const g = parseGresItem(body, false);
      if (!g.ok) return failed(`${JSON.stringify(item)}: expected gres/name:count or gres/name:type:count`);
      gres.push(g.value);
      continue;
    }
    const kv = item.split(':');
    if (kv.length !== 2) return failed(`expected cpu:N, mem:SIZE or gres/name[:type]:N, got ${JSON.stringify(item)}`);
    const [dim, value] = kv as [string, string];
    if (dim !== 'cpu' && dim !== 'mem') return failed(`unknown TRES ${JSON.stringify(dim)} in ${JSON.stringify(v)}; expected cpu, mem or gres/<name>`);
    if (value === 'unlimited') continue;
    if (dim === 'cpu') {
      const r = parseCpuMilli(value, { allowZero: true });
      if (!r.ok) return failed(`cpu: ${r.message}`);
      cpuMilli = r.value;
    } else {
      const r = parseMemoryAmount(value);
      if (!r.ok) return failed(`mem: ${r.message}`);
      memMiB = r.value;
    }
  }
  const out: { cpuMilli?: number; memMiB?: number; gres: readonly GresAmount[] } = { gres: sortGres(gres) };
  if (cpuMilli !== undefined) out.cpuMilli = cpuMilli;
  if (memMiB !== undefined) out.memMiB = memMiB;
  return parsed(out);
}

/** True when no dimension is limited. */
export const isUnlimitedTres = (t: Tres): boolean => t.cpuMilli === undefined && t.memMiB === undefined && t.gres.length === 0;
