import { failed, parsed, type Parsed } from '../../core/config/index.js';
import type { Millis } from '../../core/index.js';
import type { Dependency, DependencyItem, DependencyType } from './job.js';

const TYPES: readonly DependencyType[] = ['after', 'afterok', 'afternotok', 'afterany'];

const DELAY_UNITS: ReadonlyArray<readonly [RegExp, number]> = [
  [/^(s|sec|second|seconds)$/, 1],
  [/^(m|min|minute|minutes)$/, 60],
  [/^(h|hour|hours)$/, 3600],
  [/^(d|day|days)$/, 86_400],
  [/^(w|week|weeks)$/, 604_800],
];

/**
 * CraneSched's dependency string (`cbatch -d`, docs/en/reference/job_dependency.md):
 * `type:id[+delay][:id[+delay]]...`, conditions joined by `,` (all) or `?` (any), never both.
 * A delay is a number of minutes or a sum of numbers with units (`10s`, `5m`, `1h30m`, `2d`, `1w`).
 * A job named twice is an error (CraneSched reports a duplicate).
 */
export function parseDependency(text: string): Parsed<Dependency> {
  const s = text.replace(/\s+/g, '');
  if (s.length === 0) return failed('expected a dependency like afterok:12 or after:3+10m,afterany:4, got an empty string');
  const hasAnd = s.includes(',');
  const hasOr = s.includes('?');
  if (hasAnd && hasOr) return failed(`cannot mix ',' (all) and '?' (any) in one dependency: ${JSON.stringify(text)}`);
  const items: DependencyItem[] = [];
  for (const condition of s.split(hasOr ? '?' : ',')) {
    const parts = condition.split(':');
    const type = TYPES.find((t) => t === parts[0]);
    if (type === undefined) return failed(`expected after, afterok, afternotok or afterany, got ${JSON.stringify(parts[0])} in ${JSON.stringify(text)}`);
    if (parts.length < 2) return failed(`${JSON.stringify(condition)} names no job`);
    for (const target of parts.slice(1)) {
      const plus = target.indexOf('+');
      const job = plus < 0 ? target : target.slice(0, plus);
      if (job.length === 0) return failed(`empty job id in ${JSON.stringify(condition)}`);
      let delay: Millis = 0;
      if (plus >= 0) {
        const d = parseDelay(target.slice(plus + 1));
        if (!d.ok) return failed(`${JSON.stringify(target)}: ${d.message}`);
        delay = d.value;
      }
      if (items.some((i) => i.job === job)) return failed(`job ${job} appears twice in ${JSON.stringify(text)}`);
      items.push({ type, job, delay });
    }
  }
  return parsed({ mode: hasOr ? 'any' : 'all', items });
}

/** `10` (minutes), `10s`, `5min`, `1h30m`: ms. */
export function parseDelay(text: string): Parsed<Millis> {
  if (/^\d+$/.test(text)) return parsed(Number(text) * 60_000);
  const parts = [...text.matchAll(/(\d+)([a-z]+)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== text) return failed(`expected a delay in minutes (10) or with units (10s, 5m, 1h30m), got ${JSON.stringify(text)}`);
  let seconds = 0;
  for (const p of parts) {
    const unit = DELAY_UNITS.find(([re]) => re.test(p[2]!));
    if (unit === undefined) return failed(`unknown delay unit ${JSON.stringify(p[2])}; expected s, m, h, d or w`);
    seconds += Number(p[1]) * unit[1];
  }
  return parsed(seconds * 1000);
}

/** The dependency in CraneSched's syntax (delays in seconds), for messages and output. */
export function formatDependency(d: Dependency): string {
  return d.items.map((i) => `${i.type}:${i.job}${i.delay > 0 ? `+${i.delay / 1000}s` : ''}`).join(d.mode === 'all' ? ',' : '?');
}
