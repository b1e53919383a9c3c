/** Small HTML-as-text helpers for the report. */

export function esc(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
}

/** A table cell: text (escaped) or raw HTML; `num` cells are right-aligned. */
export type Cell = string | { readonly html: string } | { readonly num: string };

export function table(head: readonly string[], rows: readonly (readonly Cell[])[], caption?: string): string {
  const cell = (c: Cell, tag: 'td' | 'th'): string => {
    if (typeof c === 'string') return `<${tag}>${esc(c)}</${tag}>`;
    if ('html' in c) return `<${tag}>${c.html}</${tag}>`;
    return `<${tag} class="num">${esc(c.num)}</${tag}>`;
  };
  const cap = caption === undefined ? '' : `<caption>${esc(caption)}</caption>`;
  const thead = `<thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead>`;
  const tbody = `<tbody>${rows.map((r) => `<tr>${r.map((c, i) => cell(c, i === 0 ? 'th' : 'td')).join('')}</tr>`).join('\n')}</tbody>`;
  return `<table>${cap}${thead}\n${tbody}</table>`;
}

/** A duration in seconds, human-readable with three significant figures. */
export function duration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '';
  if (seconds < 120) return `${sig(seconds)} s`;
  if (seconds < 7200) return `${sig(seconds / 60)} min`;
  if (seconds < 172800) return `${sig(seconds / 3600)} h`;
  return `${sig(seconds / 86400)} d`;
}

/** Three significant figures, no exponent for the magnitudes in a report. */
export function sig(x: number): string {
  if (!Number.isFinite(x)) return '';
  if (x === 0) return '0';
  const digits = Math.max(0, 2 - Math.floor(Math.log10(Math.abs(x))));
  return x.toFixed(Math.min(digits, 6));
}

export const percent = (x: number): string => `${(x * 100).toFixed(1)}%`;

/** An id usable in HTML attributes and `data-chart` (letters, digits, dashes). */
export function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'x';
}
