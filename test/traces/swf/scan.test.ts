import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { formatIssue, readSwf, type SwfRecord } from '../../../traces/index.js';
import { SWF_FIELDS } from '../../../traces/swf/fields.js';
import { parseNumberFields } from '../../../traces/swf/numbers.js';

// The scanner parses the usual line (18 integers) in its byte loop and any other line as text;
// both must read a file as the plain definition does: split at LF, drop one CR before it, skip
// blank and ';' lines, parse the rest with the string parser.
const dir = mkdtempSync(join(tmpdir(), 'cranelab-scan-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Outcome = { records: number[][]; error?: string; skipped: number; warnings: string[] };

function reference(text: string, skipBadLines: boolean): Outcome {
  const records: number[][] = [];
  const warnings = new Map<string, number>();
  const warn = (m: string): void => void warnings.set(m, (warnings.get(m) ?? 0) + 1);
  let skipped = 0;
  let previous = -Infinity;
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const values = new Float64Array(SWF_FIELDS.length);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.endsWith('\r') ? lines[i]!.slice(0, -1) : lines[i]!;
    const trimmed = line.replace(/^[ \t\r]+/, '');
    if (trimmed === '' || trimmed.startsWith(';')) continue;
    const count = parseNumberFields(line, values);
    if (count < 0 || count < SWF_FIELDS.length) {
      // A non-number in a ';'-separated line is the Slurm simulator's variant: an error even when skipping.
      if (!skipBadLines || (count < 0 && line.includes(';'))) return { records, error: `line ${i + 1}`, skipped: 0, warnings: [] };
      skipped++;
      warn('skipped');
      continue;
    }
    if (count > SWF_FIELDS.length) warn('more');
    if (!Number.isInteger(values[1]) || !Number.isInteger(values[3]) || !Number.isInteger(values[8])) warn('fractional');
    if (values[1]! < previous) warn('order');
    previous = values[1]!;
    records.push([...values, i + 1]);
  }
  return { records, skipped, warnings: [...warnings].map(([m, n]) => `${m} ${n}`) };
}

const KEYS: Record<string, string> = {
  'skipped broken lines': 'skipped',
  'lines have more than': 'more',
  'fractional times': 'fractional',
  'submit times out of order': 'order',
};

async function scanned(text: string, skipBadLines: boolean, name: string): Promise<Outcome> {
  const path = join(dir, name);
  writeFileSync(path, text);
  const records: SwfRecord[] = [];
  const result = await readSwf(path, (r) => records.push(r), { skipBadLines });
  const rows = records.map((r) => [...SWF_FIELDS.map((f) => r[f]), r.line]);
  if (!result.ok) return { records: rows, error: `line ${result.error.line}`, skipped: 0, warnings: [] };
  const warnings = result.value.warnings.flatMap((w) => {
    const key = Object.entries(KEYS).find(([prefix]) => w.message.startsWith(prefix));
    return key === undefined ? [] : [`${key[1]} ${w.count}`];
  });
  return { records: rows, skipped: result.value.skipped, warnings };
}

const token = fc.oneof(
  { weight: 8, arbitrary: fc.integer({ min: -1, max: 100_000 }).map(String) },
  { weight: 1, arbitrary: fc.constantFrom('-0', '007', '1.5', '+3', '-', 'x', '5x', '1e3', '9007199254740993', '12;3', 'é') },
);
const blank = fc.constantFrom(' ', '\t', '  ', ' \t');
const dataLine = fc
  .tuple(fc.oneof({ weight: 6, arbitrary: fc.constant(18) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: 21 }) }), fc.array(token, { minLength: 21, maxLength: 21 }), blank, fc.constantFrom('', ' ', '\t', '\r'))
  .map(([n, tokens, sep, tail]) => tokens.slice(0, n).join(sep) + tail);
const anyLine = fc.oneof({ weight: 8, arbitrary: dataLine }, { weight: 1, arbitrary: fc.constantFrom('', '   ', '; MaxProcs: 8', '  ; Note: x', '\r') });
const fileText = fc.tuple(fc.array(anyLine, { maxLength: 30 }), fc.constantFrom('\n', '\r\n'), fc.boolean()).map(([lines, eol, finalEol]) => lines.join(eol) + (finalEol && lines.length > 0 ? eol : ''));

describe('SWF scanner', () => {
  it('reads any file of number lines, junk, comments, blanks and CRs as the plain definition does', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fileText, fc.boolean(), async (text, skip) => {
        expect(await scanned(text, skip, `p${n++}.swf`)).toEqual(reference(text, skip));
      }),
      { numRuns: 400, seed: 11 },
    );
  });

  it('reads lines across its 1 MiB chunks', async () => {
    const lines: string[] = ['; MaxProcs: 64'];
    for (let i = 1; i <= 40_000; i++) lines.push(`${i} ${i * 3} -1 ${i % 997} ${1 + (i % 64)} -1 -1 -1 ${i % 1200} -1 1 ${i % 50} ${i % 7} -1 -1 -1 -1 -1${i % 5 === 0 ? '\r' : ''}`);
    const text = lines.join('\n');
    expect(text.length).toBeGreaterThan(2 << 20);
    expect(await scanned(text, false, 'big.swf')).toEqual(reference(text, false));
  });

  it('names the line of a broken line after a chunk of good ones', async () => {
    const good = Array.from({ length: 30_000 }, (_, i) => `${i + 1} ${i} -1 10 1 -1 -1 -1 20 -1 1 1 1 -1 -1 -1 -1 -1`);
    const path = join(dir, 'broken.swf');
    writeFileSync(path, ['; MaxProcs: 4', ...good, '30001 5 -1 1O 1 -1 -1 -1 20 -1 1 1 1 -1 -1 -1 -1 -1'].join('\n'));
    const result = await readSwf(path, () => {});
    expect(result.ok || formatIssue(result.error)).toBe(`${path}:30002: field 4 (runTime): '1O' is not a number`);
  });
});
