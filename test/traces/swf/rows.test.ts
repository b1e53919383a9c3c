import { describe, expect, it } from 'vitest';
import { SWF_FIELDS } from '../../../traces/index.js';
import { SWF_JOB_FIELDS } from '../../../traces/swf/mapping.js';
import { SwfRows } from '../../../traces/swf/rows.js';

/** A line's 18 values: field i holds 100 + i. */
const line = (): Float64Array => Float64Array.from(SWF_FIELDS, (_, i) => 100 + i);

describe('SwfRows', () => {
  it('keeps the fields the replay mapping reads, in its order, then the extra ones, then the line number', () => {
    expect(SWF_JOB_FIELDS.map((i) => SWF_FIELDS[i])).toEqual(['jobNumber', 'submitTime', 'runTime', 'allocatedProcessors', 'requestedTime', 'status', 'userId', 'groupId']);
    const rows = new SwfRows([14, 2]);
    expect(rows.kept).toEqual([...SWF_JOB_FIELDS, 14, 2]);
    rows.add(line(), 7);
    expect(rows.width).toBe(11);
    expect([...rows.data.subarray(0, rows.width)]).toEqual([...SWF_JOB_FIELDS.map((i) => 100 + i), 114, 102, 7]);
  });

  it('grows as rows come, and keeps only the first `max`', () => {
    const rows = new SwfRows([], 100);
    for (let n = 0; n < 150; n++) rows.add(line(), n + 1);
    expect(rows.length).toBe(100);
    expect(rows.data[99 * rows.width + rows.width - 1]).toBe(100); // the 100th row's line
    expect(rows.data[99 * rows.width]).toBe(100); // its jobNumber (field 0)
  });
});
