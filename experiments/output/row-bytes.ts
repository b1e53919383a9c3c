/**
 * Helpers that store a row's fields straight into a byte buffer: `put*(b, at, value)` writes from
 * `b[at]` on and returns the index after the last byte written. A row writer makes room once for
 * the whole row (`ChunkedFile.room`), then chains them, so a field costs no string, no method call
 * on the file and no bounds check of its own. Every helper writes exactly the bytes of the string
 * named in its comment (tests hold them to it).
 */

/** Bytes any `putNumber` may take (`String` of a double is at most 24 characters). */
export const NUMBER_BYTES = 32;

/** `String(n)`: digits for integers in (-2^31, 2^31), else the string. */
export function putNumber(b: Buffer, at: number, n: number): number {
  if (n >= 0 && n < 0x80000000 && (n | 0) === n) return putUint(b, at, n);
  if (n < 0 && n > -0x80000000 && (n | 0) === n) {
    b[at] = 45; // '-'
    return putUint(b, at + 1, -n);
  }
  return at + b.write(String(n), at, 'latin1');
}

/**
 * The decimal digits of an integer in [0, 2^31). Integer arithmetic only: `n | 0` first, so that
 * optimized code keeps `n` as an int32 (a time in seconds computed from ms arrives as a double,
 * and `%` of a double is a call to the C library, for every digit); then `n % 10` and an exact
 * division (`(n / 10) | 0` makes a fraction first, which unoptimized code boxes, for every digit).
 */
export function putUint(b: Buffer, at: number, n: number): number {
  let v = n | 0;
  let end = at + 1;
  for (let p = 10; p <= v; p *= 10) end++;
  let i = end;
  do {
    const d = v % 10;
    b[--i] = 48 + d;
    v = (v - d) / 10;
  } while (v > 0);
  return end;
}

/**
 * `seconds(ms)` (csv.ts): whole seconds as digits, else its string; nothing if not finite.
 * Small, so that it is inlined into a row writer: a time in ms is often too large for a small
 * integer, and passing it on to a function that is not inlined would box it. Whole seconds are
 * tested by multiplying back (exact for s < 2^31): `ms % 1000` on a time past 2^31 ms is a
 * remainder of doubles, a call to the C library in optimized code too.
 */
export function putSeconds(b: Buffer, at: number, ms: number): number {
  const s = ms / 1000;
  if ((s | 0) === s && s >= 0 && s * 1000 === ms) return putUint(b, at, s);
  return putSecondsOther(b, at, ms);
}

function putSecondsOther(b: Buffer, at: number, ms: number): number {
  if (ms % 1000 === 0) return putNumber(b, at, ms / 1000);
  if (!Number.isFinite(ms)) return at;
  return at + b.write((ms / 1000).toFixed(3).replace(/0+$/, ''), at, 'latin1');
}

/** `Math.round(x * 1e6)`: what `putRatio` takes (an integer, so that passing it boxes nothing most of the time). */
export const ratioScaled = (x: number): number => Math.round(x * 1e6);

/** `ratio(x)` (csv.ts) from `ratioScaled(x)`: digits, a point and six decimals (the string for negative or huge x). */
export function putRatio(b: Buffer, at: number, scaled: number): number {
  const whole = Math.trunc(scaled / 1e6);
  const frac = scaled - whole * 1e6;
  if (!(frac >= 0 && whole >= 0 && whole < 0x80000000)) return at + b.write(`${whole}.${String(frac).padStart(6, '0')}`, at, 'latin1');
  at = putUint(b, at, whole);
  b[at++] = 46; // '.'
  for (let p = 100_000; p > frac && p > 1; p /= 10) b[at++] = 48; // the zeros padStart(6) adds
  return putUint(b, at, frac);
}

/** An ASCII text as is (callers pass only ASCII constants). */
export function putAscii(b: Buffer, at: number, text: string): number {
  for (let i = 0; i < text.length; i++) b[at + i] = text.charCodeAt(i);
  return at + text.length;
}

/** Bytes stored by one native copy (`asciiBytes` makes them once per constant). */
export function putBytes(b: Buffer, at: number, bytes: Uint8Array): number {
  b.set(bytes, at);
  return at + bytes.length;
}

/** The bytes of an ASCII constant, for `putBytes`. */
export const asciiBytes = (text: string): Uint8Array => Buffer.from(text, 'latin1');

/**
 * `csvText(text)` (csv.ts): the text as is when it is ASCII without `"`, `,`, CR or LF, else its
 * quoted UTF-8. Takes at most `6 * text.length + 2` bytes.
 */
export function putCsvText(b: Buffer, at: number, text: string): number {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x80 || c === 34 || c === 44 || c === 10 || c === 13) {
      const quoted = c >= 0x80 && !needsQuotes(text, i) ? text : `"${text.replaceAll('"', '""')}"`;
      return at + b.write(quoted, at);
    }
    b[at + i] = c;
  }
  return at + text.length;
}

/** Whether `text` holds `"`, `,`, CR or LF from index `from` on. */
function needsQuotes(text: string, from: number): boolean {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 || c === 44 || c === 10 || c === 13) return true;
  }
  return false;
}

/** A text of decimal digits as is; -1 (nothing meant to be kept) when it is empty or holds another character. */
export function putDigitText(b: Buffer, at: number, text: string): number {
  if (text.length === 0) return -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return -1;
    b[at + i] = c;
  }
  return at + text.length;
}
