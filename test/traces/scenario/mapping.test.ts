import { describe, expect, it } from 'vitest';
import { Issues } from '../../../core/config/index.js';
import { applyRule, readMapping, readWorkloadSpec, SWF_SCHEMA, VARIANT_SCHEMA, type Mapping } from '../../../traces/scenario/index.js';

const mapping = (raw: unknown, schema = SWF_SCHEMA): Mapping => {
  const issues = new Issues();
  const m = readMapping(issues, ['mapping'], raw, schema);
  if (m === undefined) throw new Error(JSON.stringify(issues.errors));
  return m;
};

/** An SWF-like record: user 7, group 13, queue 2, partition 1, executable 4, processors 24, requested 3600 s. */
const swf = (field: string): number => ({ user: 7, group: 13, queue: 2, partition: 1, executable: 4, processors: 24, requestedTime: 3600 })[field]!;

describe('mapping rules', () => {
  it('uses the format defaults when nothing is given', () => {
    const m = mapping(undefined);
    expect(applyRule(m.user, swf)).toEqual({ ok: true, value: 'u7' });
    expect(applyRule(m.account, swf)).toEqual({ ok: true, value: null });
    const v = mapping(undefined, VARIANT_SCHEMA);
    const rec = (f: string): string | number => ({ user: 'user5', account: 'account2', queue: 'normal', partition: 'batch' })[f] ?? -1;
    expect([v.user, v.account, v.partition, v.qos].map((r) => applyRule(r, rec))).toEqual([
      { ok: true, value: 'user5' },
      { ok: true, value: 'account2' },
      { ok: true, value: 'batch' },
      { ok: true, value: 'normal' },
    ]);
    // An empty name field in the variant means "not given".
    expect(applyRule(v.account, () => '')).toEqual({ ok: true, value: null });
  });

  it.each<[string, unknown, string | null]>([
    ['a template on the default source', 'g{}', 'g13'],
    ['a constant', 'physics', 'physics'],
    ['null: not given', null, null],
    ['a template on another field', { from: 'queue', format: 'q{}' }, 'q2'],
    ['a table hit', { from: 'group', table: { '13': 'chem', '14': 'bio' } }, 'chem'],
    ['a table miss with a default template', { from: 'group', table: { '1': 'chem' }, default: 'other{}' }, 'other13'],
    ['modulo: 13 mod 4 = 1', { from: 'group', modulo: ['a', 'b', 'c', 'd'] }, 'b'],
    ['ranges: 24 processors is above 16, at most 64', { from: 'processors', ranges: [{ upTo: 16, value: 'small' }, { upTo: 64, value: 'medium' }, { value: 'large' }] }, 'medium'],
    ['ranges: the last range takes the rest', { from: 'requestedTime', ranges: [{ upTo: 600, value: 'short' }, { value: 'long' }] }, 'long'],
  ])('%s', (_what, rule, value) => {
    const m = mapping({ account: rule });
    expect(applyRule(m.account, swf)).toEqual({ ok: true, value });
  });

  it('modulo handles unknown (-1) values', () => {
    const m = mapping({ account: { from: 'group', modulo: ['a', 'b', 'c'] } });
    expect(applyRule(m.account, () => -1)).toEqual({ ok: true, value: 'c' });
  });

  it('reports a table miss without a default', () => {
    const m = mapping({ account: { from: 'group', table: { '1': 'chem' } } });
    expect(applyRule(m.account, swf)).toEqual({ ok: false, message: 'group "13" has no entry in the mapping table and the rule has no default' });
  });

  it.each<[string, unknown, string, string]>([
    ['unknown target', { accounts: 'x' }, 'mapping.accounts', "unknown key (did you mean 'account'?); expected one of: user, account, partition, qos"],
    ['unknown field', { account: { from: 'grp', format: '{}' } }, 'mapping.account.from', "expected one of user, group, queue, partition, executable, processors, requestedTime, got \"grp\" (did you mean 'group'?)"],
    ['no rule kind', { account: { from: 'group' } }, 'mapping.account', 'expected one of format, table, modulo or ranges'],
    ['two rule kinds', { account: { from: 'group', format: '{}', modulo: ['a'] } }, 'mapping.account', 'expected one of format, table, modulo or ranges, got format and modulo'],
    ['default without table', { account: { from: 'group', format: '{}', default: 'x' } }, 'mapping.account.default', 'default only goes with table'],
    ['a constant with a space', { partition: 'my part' }, 'mapping.partition', 'expected a name without spaces or commas, got "my part"'],
    ['empty modulo', { account: { from: 'group', modulo: [] } }, 'mapping.account.modulo', 'expected at least one name, got an empty list'],
    ['ranges without a last catch-all', { qos: { from: 'processors', ranges: [{ upTo: 8, value: 'a' }] } }, 'mapping.qos.ranges[0]', 'the last range must have no upTo (it takes every larger value)'],
    ['ranges with a missing upTo in the middle', { qos: { from: 'processors', ranges: [{ value: 'a' }, { value: 'b' }] } }, 'mapping.qos.ranges[0]', 'missing: upTo (only the last range has none)'],
    ['ranges out of order', { qos: { from: 'processors', ranges: [{ upTo: 8, value: 'a' }, { upTo: 4, value: 'b' }, { value: 'c' }] } }, 'mapping.qos.ranges[1].upTo', 'expected more than the previous upTo (8), got 4'],
    ['a rule that is a number', { user: 5 }, 'mapping.user', 'expected a name template (string), null, or a rule map {from, format | table | modulo | ranges}, got 5'],
  ])('%s', (_what, raw, path, message) => {
    const issues = new Issues();
    expect(readMapping(issues, ['mapping'], raw, SWF_SCHEMA)).toBeUndefined();
    expect(issues.errors.map((i) => [i.path, i.message])).toContainEqual([path, message]);
  });

  it('rejects modulo on a variant name field', () => {
    const issues = new Issues();
    readMapping(issues, ['m'], { account: { from: 'account', modulo: ['a'] } }, VARIANT_SCHEMA);
    expect(issues.errors[0]!.message).toBe("'account' is not a numeric field; modulo and ranges need one");
  });
});

describe('readWorkloadSpec', () => {
  const spec = (raw: unknown) => {
    const issues = new Issues();
    return { spec: readWorkloadSpec(issues, ['workload'], raw), errors: issues.errors.map((i) => [i.path, i.message]) };
  };

  it('fills the trace defaults', () => {
    expect(spec({ format: 'swf', file: 'a.swf' }).spec).toEqual({
      format: 'swf', file: 'a.swf', mapping: SWF_SCHEMA.defaults, processorsPerNode: 1, memory: { kind: 'none' }, maxJobs: null, missingEstimate: 'runtime', skipBadLines: false,
    });
    expect(spec({ format: 'slurm-variant', file: 'v.txt', processorsPerNode: 12 }).spec).toEqual({
      format: 'slurm-variant', file: 'v.txt', mapping: VARIANT_SCHEMA.defaults, processorsPerNode: 12, memory: { kind: 'field', field: 'usedMemory', unit: 'MB', per: 'node' }, maxJobs: null,
    });
    expect(spec({ format: 'jobs', jobs: [] }).spec).toEqual({ format: 'jobs', file: null, inline: [] });
  });

  it.each<[unknown, string, string]>([
    [{ file: 'x' }, 'workload.format', 'missing: this key is required'],
    [{ format: 'csv' }, 'workload.format', 'expected one of jobs, swf, slurm-variant, got "csv"'],
    [{ format: 'jobs' }, 'workload', 'missing: file (a YAML list of jobs) or jobs (the list inline)'],
    [{ format: 'jobs', file: 'a', jobs: [] }, 'workload', 'give either file or jobs, not both'],
    [{ format: 'swf' }, 'workload.file', 'missing: this key is required'],
    [{ format: 'swf', file: 'a', processorsPerNode: 0 }, 'workload.processorsPerNode', 'expected a positive integer, got 0'],
    [{ format: 'swf', file: 'a', missingEstimate: 'guess' }, 'workload.missingEstimate', 'expected one of runtime, one-second, got "guess"'],
    [{ format: 'swf', file: 'a', memory: 'some' }, 'workload.memory', 'expected none or {from: usedMemory | requestedMemory, unit: KB | MB, per: cpu | node}, got "some"'],
    [{ format: 'swf', file: 'a', memory: { from: 'ram' } }, 'workload.memory.from', 'expected one of usedMemory, requestedMemory, got "ram"'],
    [{ format: 'slurm-variant', file: 'a', skipBadLines: true }, 'workload.skipBadLines', "unknown key; expected one of: format, file, mapping, processorsPerNode, memory, maxJobs"],
  ])('rejects %j', (raw, path, message) => {
    const r = spec(raw);
    expect(r.spec).toBeUndefined();
    expect(r.errors).toContainEqual([path, message]);
  });
});
