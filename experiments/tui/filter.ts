/**
 * The `/` filter: space-separated terms, all of which must match (AND). A term is `user=NAME`,
 * `account=NAME` or `partition=NAME` (or `u=`, `a=`, `p=`), or a bare `NAME` that matches any of the
 * three. Matching is exact and case-insensitive; a trailing `*` matches a prefix (`user=al*`).
 */
export type FilterField = 'user' | 'account' | 'partition';

export interface FilterTerm {
  readonly field: FilterField | 'any';
  readonly value: string;
  readonly prefix: boolean;
}

export interface Filter {
  readonly text: string;
  readonly terms: readonly FilterTerm[];
}

export type FilterParse = { readonly ok: true; readonly value: Filter } | { readonly ok: false; readonly message: string };

const FIELDS: Readonly<Record<string, FilterField>> = {
  user: 'user', u: 'user',
  account: 'account', a: 'account',
  partition: 'partition', p: 'partition',
};

/** Parses filter text; empty text is the filter that matches everything. */
export function parseFilter(text: string): FilterParse {
  const terms: FilterTerm[] = [];
  for (const word of text.trim().split(/\s+/).filter((w) => w !== '')) {
    const eq = word.indexOf('=');
    let field: FilterTerm['field'] = 'any';
    let value = word;
    if (eq >= 0) {
      const name = word.slice(0, eq).toLowerCase();
      const f = FIELDS[name];
      if (f === undefined) return { ok: false, message: `unknown field '${name}' in '${word}': use user=, account= or partition=` };
      field = f;
      value = word.slice(eq + 1);
    }
    const prefix = value.endsWith('*');
    if (prefix) value = value.slice(0, -1);
    if (value === '' && !prefix) return { ok: false, message: `'${word}' has no value` };
    terms.push({ field, value: value.toLowerCase(), prefix });
  }
  return { ok: true, value: { text: text.trim(), terms } };
}

export const MATCH_ALL: Filter = { text: '', terms: [] };

export interface Filterable {
  readonly user: string;
  readonly account: string;
  readonly partition: string;
}

/** True when `item` satisfies every term. */
export function matches(filter: Filter, item: Filterable): boolean {
  return filter.terms.every((t) => {
    const hit = (v: string): boolean => {
      const s = v.toLowerCase();
      return t.prefix ? s.startsWith(t.value) : s === t.value;
    };
    return t.field === 'any' ? hit(item.user) || hit(item.account) || hit(item.partition) : hit(item[t.field]);
  });
}

/** The items that match, or the same array when the filter is empty (no copy per refresh). */
export function applyFilter<T extends Filterable>(filter: Filter, items: readonly T[]): readonly T[] {
  return filter.terms.length === 0 ? items : items.filter((i) => matches(filter, i));
}
