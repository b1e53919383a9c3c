import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expandHostlist, formatHostlist } from '../../../core/config/index.js';

const expand = (s: string): readonly string[] => {
  const r = expandHostlist(s);
  if (!r.ok) throw new Error(r.message);
  return r.value;
};

describe('expandHostlist', () => {
  it.each([
    ['a single name', 'cn01', ['cn01']],
    ['a range keeps the start width (zero padding)', 'cn[01-03]', ['cn01', 'cn02', 'cn03']],
    ['padding grows past the start width', 'cn[08-11]', ['cn08', 'cn09', 'cn10', 'cn11']],
    ['no padding when the start has one digit', 'cn[9-11]', ['cn9', 'cn10', 'cn11']],
    ['three-digit padding', 'n[001-002]', ['n001', 'n002']],
    ['a list inside brackets, single numbers kept as written', 'cn[1,03,5-6]', ['cn1', 'cn03', 'cn5', 'cn6']],
    ['top-level lists', 'cn01,gpu[1-2],login', ['cn01', 'gpu1', 'gpu2', 'login']],
    ['two brackets multiply, the left one slowest', 'r[1-2]n[1-3]', ['r1n1', 'r1n2', 'r1n3', 'r2n1', 'r2n2', 'r2n3']],
    ['three brackets', 'a[1-2]b[1-2]c[7]', ['a1b1c7', 'a1b2c7', 'a2b1c7', 'a2b2c7']],
    ['a suffix after the last bracket', 'cn[1-2].ib', ['cn1.ib', 'cn2.ib']],
    ['a suffix without a dot', 'cn[1-2]x', ['cn1x', 'cn2x']],
    ['spaces are removed', ' cn[1 - 2] , gpu1 ', ['cn1', 'cn2', 'gpu1']],
    ['empty items are skipped', 'cn1,,cn2,', ['cn1', 'cn2']],
    ['device files', '/dev/nvidia[0-3]', ['/dev/nvidia0', '/dev/nvidia1', '/dev/nvidia2', '/dev/nvidia3']],
    ['a one-element range', 'cn[5-5]', ['cn5']],
    ['an empty string', '', []],
  ])('%s: %s', (_what, input, expected) => {
    expect(expand(input)).toEqual(expected);
  });

  it.each([
    ['cn[1-2', `'[' is never closed in "cn[1-2"`],
    ['cn1-2]', `']' without '[' at position 6 in "cn1-2]"`],
    ['cn[1[2]]', `nested '[' at position 5 in "cn[1[2]]"`],
    ['cn[]', 'empty brackets in "cn[]"'],
    ['cn[5-3]', 'range 5-3 runs backwards in "cn[5-3]"'],
    ['cn[a-b]', 'expected a number or a range like 1-16 inside brackets, got "a-b" in "cn[a-b]"'],
    ['cn[1,,2]', 'expected a number or a range like 1-16 inside brackets, got "" in "cn[1,,2]"'],
    ['cn[1-2-3]', 'expected a number or a range like 1-16 inside brackets, got "1-2-3" in "cn[1-2-3]"'],
    ['cn[0-100000]', '"cn[0-100000]" expands to more than 100000 names'],
    ['a[1-400]b[1-400]', '"a[1-400]b[1-400]" expands to more than 100000 names'],
  ])('rejects %s', (input, message) => {
    expect(expandHostlist(input)).toEqual({ ok: false, message });
  });

  it('expands to the product of the bracket sizes, in lexicographic bracket order (property)', () => {
    const bracket = fc.tuple(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 6 }), fc.integer({ min: 1, max: 3 }));
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom('a', 'n', 'rack-', 'x.'), bracket), { minLength: 1, maxLength: 3 }), (parts) => {
        const text = parts.map(([head, [start, len, width]]) => `${head}[${String(start).padStart(width, '0')}-${start + len}]`).join('');
        const names = expand(text);
        expect(names.length).toBe(parts.reduce((n, [, [, len]]) => n * (len + 1), 1));
        // The last bracket varies fastest: names come out sorted by their tuple of numbers.
        const tuples = names.map((n) => [...n.matchAll(/\d+/g)].map((m) => Number(m[0])));
        const sorted = [...tuples].sort((x, y) => x.reduce((c, v, i) => c || v - y[i]!, 0));
        expect(tuples).toEqual(sorted);
      }),
    );
  });
});

describe('formatHostlist', () => {
  it.each([
    [['cn01', 'cn02', 'cn03', 'cn07'], 'cn[01-03,07]'],
    [['cn9', 'cn10', 'cn11'], 'cn[9-11]'],
    [['gpu1'], 'gpu1'],
    [['login', 'cn1', 'cn2'], 'login,cn[1-2]'],
    [['a1', 'b1', 'a2'], 'a1,b1,a2'],
    [['r1n1', 'r1n2', 'r2n1'], 'r1n[1-2],r2n1'],
    [['cn08', 'cn9'], 'cn[08,9]'],
    [[], ''],
  ])('%j -> %s', (names, text) => {
    expect(formatHostlist(names)).toBe(text);
  });

  it('round-trips through expandHostlist for any list of plain names (property)', () => {
    const name = fc.tuple(fc.constantFrom('cn', 'gpu', 'r1n', 'x-', ''), fc.integer({ min: 0, max: 120 }), fc.integer({ min: 1, max: 4 }), fc.constantFrom('', '.ib', 'z'));
    fc.assert(
      fc.property(fc.array(name, { maxLength: 30 }), (parts) => {
        const names = parts.map(([head, n, width, tail]) => `${head}${String(n).padStart(width, '0')}${tail}`);
        expect(expand(formatHostlist(names))).toEqual(names);
      }),
    );
  });
});
