/**
 * Splits a line on runs of spaces and tabs into numbers, without regular expressions or
 * intermediate strings for the common case (integers). Returns the number of fields seen (which
 * may exceed `out.length`; extra fields are counted, not parsed) or, for a field that is not a
 * number, `-(index + 1)`.
 */
export function parseNumberFields(line: string, out: Float64Array): number {
  const n = line.length;
  let field = 0;
  let i = 0;
  for (;;) {
    while (i < n && isBlank(line.charCodeAt(i))) i++;
    if (i >= n) return field;
    const start = i;
    while (i < n && !isBlank(line.charCodeAt(i))) i++;
    if (field < out.length) {
      const v = parseNumber(line, start, i);
      if (Number.isNaN(v)) return -(field + 1);
      out[field] = v;
    }
    field++;
  }
}

/** The field text at `index` (for error messages). */
export function fieldText(line: string, index: number): string {
  return line.trim().split(/\s+/)[index] ?? '';
}

const isBlank = (c: number): boolean => c === 32 || c === 9;
const utf8 = new TextDecoder();

function parseNumber(s: string, start: number, end: number): number {
  let i = start;
  let neg = false;
  const c0 = s.charCodeAt(i);
  if (c0 === 45 || c0 === 43) {
    neg = c0 === 45;
    i++;
  }
  if (i === end) return NaN;
  let v = 0;
  for (; i < end; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) break;
    v = v * 10 + d;
  }
  if (i === end) return neg ? -v : v;
  // Fractions and exponents are rare in SWF: let the full parser handle them, strictly.
  const text = s.slice(start, end);
  return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text) ? Number(text) : NaN;
}

/**
 * `parseNumberFields` over the bytes `buf[start..end)` of one line (same fields, same values, same
 * return), so the common line (integers) needs no string at all. A field that is not a plain
 * integer is decoded and parsed as `parseNumberFields` would.
 */
export function parseNumberFieldsBytes(buf: Uint8Array, start: number, end: number, out: Float64Array): number {
  let field = 0;
  let i = start;
  for (;;) {
    while (i < end && (buf[i] === 32 || buf[i] === 9)) i++;
    if (i >= end) return field;
    const from = i;
    while (i < end && buf[i] !== 32 && buf[i] !== 9) i++;
    if (field < out.length) {
      const v = parseNumberBytes(buf, from, i);
      if (Number.isNaN(v)) return -(field + 1);
      out[field] = v;
    }
    field++;
  }
}

function parseNumberBytes(buf: Uint8Array, start: number, end: number): number {
  let i = start;
  let neg = false;
  const c0 = buf[i]!;
  if (c0 === 45 || c0 === 43) {
    neg = c0 === 45;
    i++;
  }
  if (i === end) return NaN;
  let v = 0;
  for (; i < end; i++) {
    const d = buf[i]! - 48;
    if (d < 0 || d > 9) break;
    v = v * 10 + d;
  }
  if (i === end) return neg ? -v : v;
  const text = utf8.decode(buf.subarray(start, end));
  return parseNumber(text, 0, text.length);
}
