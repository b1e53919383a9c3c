/** Building SVG as text: no DOM, deterministic output (fixed attribute order, rounded numbers). */

/** Escapes text for XML content and attribute values. */
export function esc(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
}

/** A coordinate with at most one decimal (sub-pixel precision is wasted bytes); never `-0`. */
export function px(x: number): string {
  const r = Math.round(x * 10) / 10;
  return String(r === 0 ? 0 : r);
}

export type Attrs = Readonly<Record<string, string | number | undefined>>;

/** `<name a="1" ...>children</name>`, or self-closing without children. Numbers are rounded. */
export function el(name: string, attrs: Attrs, children?: string): string {
  let s = `<${name}`;
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined) continue;
    s += ` ${key}="${typeof value === 'number' ? px(value) : esc(value)}"`;
  }
  return children === undefined ? `${s}/>` : `${s}>${children}</${name}>`;
}

export interface SvgFrame {
  readonly width: number;
  readonly height: number;
  /** Accessible name of the chart (also its tooltip). */
  readonly title: string;
  /** A `data-chart` id tests and styles can find the chart by. */
  readonly id: string;
}

/** A standalone `<svg>` element (valid inline in HTML and as an .svg file). */
export function svgDocument(frame: SvgFrame, body: string): string {
  return el(
    'svg',
    {
      xmlns: 'http://www.w3.org/2000/svg',
      viewBox: `0 0 ${frame.width} ${frame.height}`,
      width: frame.width,
      height: frame.height,
      role: 'img',
      'aria-label': frame.title,
      'data-chart': frame.id,
      'font-family': 'DejaVu Sans, Helvetica, Arial, sans-serif',
      'font-size': 11,
    },
    el('title', {}, esc(frame.title)) + el('rect', { width: frame.width, height: frame.height, fill: '#ffffff' }) + body,
  );
}

/** Text anchored at (x, y). */
export function text(x: number, y: number, content: string, attrs: Attrs = {}): string {
  return el('text', { x, y, ...attrs }, esc(content));
}
