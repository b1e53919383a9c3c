import { describe, expect, it } from 'vitest';
import { mapSwfRecord, recordFrom, type MissingEstimate } from '../../../traces/index.js';

/** One SWF row from (submit, run, procs, requested time, status); other fields unknown (-1). */
function row(sub: number, run: number, procs: number, req: number, status = 1) {
  const v = new Array<number>(18).fill(-1);
  [v[0], v[1], v[3], v[4], v[8], v[10]] = [42, sub, run, procs, req, status];
  return recordFrom(v, 1);
}

const map = (r: ReturnType<typeof row>, missingEstimate: MissingEstimate = 'runtime', processors = 128) => {
  const j = mapSwfRecord(r, { processors, missingEstimate });
  return { submit: j.submitTime / 1000, run: j.runtime / 1000, est: j.spec.timeLimit / 1000, procs: j.spec.request.nodeCount, outcome: j.outcome, exit: j.exitCode };
};

describe('SWF to job mapping (reference-semantics.md §1.3)', () => {
  it.each([
    // [case, row, expected] with the rule's arithmetic in the name
    ['q >= r: est = q, run = r', row(100, 50, 4, 60), { submit: 100, run: 50, est: 60, procs: 4, outcome: 'Completed', exit: 0 }],
    ['q < r (overran): est = trunc(r) = 80, run = q = 60, killed at its limit', row(100, 80.9, 4, 60), { submit: 100, run: 60, est: 80, procs: 4, outcome: 'ExceedTimeLimit', exit: 325 }],
    ['0 < r < 1: run = max(min(q, r), 1) = 1, est = max(q, r, 1) = 30', row(5, 0.4, 1, 30), { submit: 5, run: 1, est: 30, procs: 1, outcome: 'Completed', exit: 0 }],
    ['bad row (r <= 0) at submit 0: submit 1, run 1, est 1, procs max(a, 1)', row(0, -1, 3, 60, 5), { submit: 1, run: 1, est: 1, procs: 3, outcome: 'Cancelled', exit: 320 }],
    ['bad row (a = -1): procs 1', row(10, 20, -1, 60, 5), { submit: 10, run: 1, est: 1, procs: 1, outcome: 'Cancelled', exit: 320 }],
    ['wider than the machine: procs = N = 128', row(0, 10, 500, 20), { submit: 0, run: 10, est: 20, procs: 128, outcome: 'Completed', exit: 0 }],
    ['bad row wider than the machine: clamped too (deviation)', row(0, 0, 500, 20, 5), { submit: 1, run: 1, est: 1, procs: 128, outcome: 'Cancelled', exit: 320 }],
    ['failed job (status 0)', row(0, 10, 2, 20, 0), { submit: 0, run: 10, est: 20, procs: 2, outcome: 'Failed', exit: 1 }],
  ])('%s', (_, r, expected) => {
    expect(map(r)).toEqual(expected);
  });

  it('missing estimate (q = -1): runtime mode plans with the run time', () => {
    expect(map(row(0, 70, 2, -1), 'runtime')).toMatchObject({ run: 70, est: 70 });
  });

  it("missing estimate (q = -1): one-second mode is pyss's literal rule (runs 1 s, planned for 70)", () => {
    expect(map(row(0, 70, 2, -1), 'one-second')).toMatchObject({ run: 1, est: 70 });
  });

  it('keeps the trace job number, user and group', () => {
    const v = new Array<number>(18).fill(-1);
    [v[0], v[1], v[3], v[4], v[8], v[11], v[12]] = [7, 0, 5, 1, 9, 3, 4];
    const j = mapSwfRecord(recordFrom(v, 1), { processors: 4, missingEstimate: 'runtime' });
    expect([j.spec.externalId, j.spec.user, j.spec.account]).toEqual(['7', '3', '4']);
  });
});
