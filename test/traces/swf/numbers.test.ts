import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseNumberFields, parseNumberFieldsBytes } from '../../../traces/swf/numbers.js';

// The byte parser reads data lines without making strings; the string parser is the plain
// definition. They must agree on every line: same count (or same failing field), same values.
const token = fc.oneof(
  fc.integer({ min: -1, max: 10_000_000 }).map(String),
  fc.double({ min: -1e6, max: 1e9, noNaN: true, noDefaultInfinity: true }).map(String),
  fc.constantFrom('1.5', '.5', '5.', '+3', '-0', '1e3', '2E-2', '-', '+', 'x', '1x', '12;3', 'é', '0x10', '١'),
);
const blank = fc.constantFrom(' ', '\t', '  ', ' \t ');

function both(line: string): { text: [number, number[]]; bytes: [number, number[]] } {
  const a = new Float64Array(18);
  const b = new Float64Array(18);
  const buf = Buffer.from(`xx${line}yy`, 'utf8');
  const start = 2;
  const end = buf.length - 2;
  const n = parseNumberFields(line, a);
  const m = parseNumberFieldsBytes(buf, start, end, b);
  const used = (k: number): number => (k < 0 ? -k - 1 : Math.min(k, 18));
  return { text: [n, [...a.subarray(0, used(n))]], bytes: [m, [...b.subarray(0, used(m))]] };
}

describe('parseNumberFieldsBytes', () => {
  it('agrees with the string parser on any line of numbers, junk, spaces and tabs', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(token, blank), { maxLength: 22 }), blank, (fields, lead) => {
        const line = lead + fields.map(([t, b]) => t + b).join('');
        const { text, bytes } = both(line);
        expect(bytes).toEqual(text);
      }),
      { numRuns: 2000 },
    );
  });

  it('reads a real SWF line and reports the first bad field', () => {
    expect(both('1 0 -1 3600 8 -1 -1 8 7200 -1 1 3 2 -1 1 -1 -1 -1').bytes[0]).toBe(18);
    expect(both('1 0 x 3600').bytes[0]).toBe(-3);
    expect(both('   ').bytes[0]).toBe(0);
  });
});
