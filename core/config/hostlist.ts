import { failed, parsed, type Parsed } from './issues.js';

/** More names than this from one hostlist is taken as a mistake (`cn[1-100000000]`). */
export const MAX_HOSTLIST_NAMES = 100_000;

/**
 * Expands a CraneSched hostlist (`util::ParseHostList`) into names, in the order written:
 *
 * - top-level commas separate items: `cn01,gpu[1-2]`; spaces are removed everywhere;
 * - a bracket holds a comma list of numbers and ranges: `cn[1,3,5-7]`;
 * - a range is zero-padded to the width of its start: `cn[08-10]` is cn08, cn09, cn10, and
 *   `cn[9-10]` is cn9, cn10; a single number is kept as written;
 * - several brackets multiply, the leftmost varying slowest: `r[1-2]n[1-2]` is r1n1, r1n2, r2n1, r2n2;
 * - text after the last bracket is appended to every name (`cn[1-2].ib`).
 *
 * Stricter than CraneSched, which silently yields nothing or a literal name: empty brackets, a
 * backwards range (`[5-3]`), a non-number inside brackets, nested or unmatched brackets, and
 * suffixes not starting with `.` after a bracket are handled as errors or, for the suffix, expanded.
 */
export function expandHostlist(text: string): Parsed<readonly string[]> {
  const s = text.replace(/ /g, '');
  const items: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '[') {
      if (depth > 0) return failed(`nested '[' at position ${i + 1} in ${JSON.stringify(text)}`);
      depth = 1;
    } else if (c === ']') {
      if (depth === 0) return failed(`']' without '[' at position ${i + 1} in ${JSON.stringify(text)}`);
      depth = 0;
    } else if (c === ',' && depth === 0) {
      items.push(s.slice(from, i));
      from = i + 1;
    }
  }
  if (depth > 0) return failed(`'[' is never closed in ${JSON.stringify(text)}`);
  items.push(s.slice(from));
  const names: string[] = [];
  for (const item of items) {
    if (item.length === 0) continue;
    const r = expandItem(item, MAX_HOSTLIST_NAMES - names.length);
    if (!r.ok) return r;
    for (const n of r.value) names.push(n);
  }
  return parsed(names);
}

function expandItem(item: string, budget: number): Parsed<string[]> {
  let out = [''];
  let rest = item;
  for (;;) {
    const open = rest.indexOf('[');
    if (open < 0) break;
    const close = rest.indexOf(']', open);
    const head = rest.slice(0, open);
    const parts = expandBracket(rest.slice(open + 1, close), item);
    if (!parts.ok) return parts;
    if (out.length * parts.value.length > budget) return failed(`${JSON.stringify(item)} expands to more than ${MAX_HOSTLIST_NAMES} names`);
    const next: string[] = [];
    for (const left of out) for (const p of parts.value) next.push(left + head + p);
    out = next;
    rest = rest.slice(close + 1);
  }
  return parsed(rest.length === 0 ? out : out.map((n) => n + rest));
}

function expandBracket(inner: string, item: string): Parsed<string[]> {
  if (inner.length === 0) return failed(`empty brackets in ${JSON.stringify(item)}`);
  const out: string[] = [];
  for (const piece of inner.split(',')) {
    const range = /^(\d+)-(\d+)$/.exec(piece);
    if (range !== null) {
      const width = range[1]!.length;
      const start = Number(range[1]);
      const end = Number(range[2]);
      if (end < start) return failed(`range ${piece} runs backwards in ${JSON.stringify(item)}`);
      if (end - start + 1 > MAX_HOSTLIST_NAMES) return failed(`${JSON.stringify(item)} expands to more than ${MAX_HOSTLIST_NAMES} names`);
      for (let n = start; n <= end; n++) out.push(String(n).padStart(width, '0'));
    } else if (/^\d+$/.test(piece)) {
      out.push(piece);
    } else {
      return failed(`expected a number or a range like 1-16 inside brackets, got ${JSON.stringify(piece)} in ${JSON.stringify(item)}`);
    }
  }
  return parsed(out);
}

/**
 * The inverse of `expandHostlist` for display: consecutive names that differ only in their last
 * number are folded into one bracket (`cn01,cn02,cn03,cn07` is `cn[01-03,07]`). Order is kept, so
 * `expandHostlist(formatHostlist(names))` gives `names` back for any names without `[`, `]`, `,` or spaces.
 */
export function formatHostlist(names: readonly string[]): string {
  const groups: { head: string; tail: string; pieces: { first: string; last: string; lastValue: number }[] }[] = [];
  for (const name of names) {
    const m = /^(.*?)(\d+)(\D*)$/.exec(name);
    if (m === null) {
      groups.push({ head: name, tail: '', pieces: [] });
      continue;
    }
    const [, head, digits, tail] = m as unknown as [string, string, string, string];
    const value = Number(digits);
    const g = groups[groups.length - 1];
    if (g !== undefined && g.pieces.length > 0 && g.head === head && g.tail === tail) {
      const p = g.pieces[g.pieces.length - 1]!;
      if (value === p.lastValue + 1 && String(value).padStart(p.first.length, '0') === digits && /^\d+$/.test(p.first)) {
        p.last = digits;
        p.lastValue = value;
      } else g.pieces.push({ first: digits, last: digits, lastValue: value });
    } else groups.push({ head, tail, pieces: [{ first: digits, last: digits, lastValue: value }] });
  }
  return groups
    .map((g) => {
      if (g.pieces.length === 0) return g.head;
      if (g.pieces.length === 1 && g.pieces[0]!.first === g.pieces[0]!.last) return `${g.head}${g.pieces[0]!.first}${g.tail}`;
      const inner = g.pieces.map((p) => (p.first === p.last ? p.first : `${p.first}-${p.last}`)).join(',');
      return `${g.head}[${inner}]${g.tail}`;
    })
    .join(',');
}
