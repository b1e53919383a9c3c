/**
 * Fixed-width text tables that fit a pane: columns carry a width and a keep rank; the lowest-ranked
 * columns are left out first when the pane is narrow, and one flexible column takes what is left.
 */
export interface Column<Row, Ctx> {
  readonly title: string;
  readonly width: number;
  /** 0 is kept longest; higher ranks are dropped first. */
  readonly keep: number;
  readonly align?: 'left' | 'right';
  /** The column grows to fill the remaining width (at most one per table). */
  readonly flex?: boolean;
  readonly value: (row: Row, ctx: Ctx) => string;
}

export interface FittedColumn<Row, Ctx> {
  readonly column: Column<Row, Ctx>;
  readonly width: number;
}

/** Pads or cuts `s` to exactly `width` characters (a cut ends with '~' so truncation shows). */
export function cell(s: string, width: number, align: 'left' | 'right' = 'left'): string {
  if (width <= 0) return '';
  if (s.length > width) return width === 1 ? '~' : `${s.slice(0, width - 1)}~`;
  return align === 'right' ? s.padStart(width) : s.padEnd(width);
}

/** The columns that fit in `width` (one space between columns), in display order. */
export function fitColumns<Row, Ctx>(columns: readonly Column<Row, Ctx>[], width: number): FittedColumn<Row, Ctx>[] {
  const byKeep = [...columns].sort((a, b) => a.keep - b.keep);
  const chosen = new Set<Column<Row, Ctx>>();
  let used = 0;
  for (const c of byKeep) {
    const need = c.width + (chosen.size > 0 ? 1 : 0);
    if (used + need > width) continue;
    chosen.add(c);
    used += need;
  }
  const spare = Math.max(0, width - used);
  return columns.filter((c) => chosen.has(c)).map((c) => ({ column: c, width: c.width + (c.flex === true ? spare : 0) }));
}

export function headerLine<Row, Ctx>(fitted: readonly FittedColumn<Row, Ctx>[]): string {
  return fitted.map((f) => cell(f.column.title, f.width, f.column.align)).join(' ');
}

export function rowLine<Row, Ctx>(fitted: readonly FittedColumn<Row, Ctx>[], row: Row, ctx: Ctx): string {
  return fitted.map((f) => cell(f.column.value(row, ctx), f.width, f.column.align)).join(' ');
}

/**
 * The window of a list to show so that `selected` stays visible and near the middle; returns the
 * index of the first line shown.
 */
export function windowStart(selected: number, count: number, visible: number): number {
  if (visible <= 0 || count <= visible) return 0;
  return Math.max(0, Math.min(selected - Math.floor(visible / 2), count - visible));
}
