import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatIssue } from '../../../traces/index.js';
import { parseExperiment, traceProfileProblem } from '../../../experiments/experiment/index.js';
import { kthSlice, tempDir } from './fixtures.js';

const dir = tempDir('experiment-file');
kthSlice(dir, 10);
const file = join(dir, 'exp.yaml');

/** Parses and returns the formatted issues (empty when valid). */
function problems(yaml: string): string[] {
  const r = parseExperiment(file, yaml);
  return r.ok ? [] : r.issues.map((i) => formatIssue({ ...i, file: 'exp.yaml' }));
}

const VALID = `name: cmp
traces:
  - file: kth-slice.swf
profiles:
  - fcfs
  - name: EASY backfill
    backfill: easy
  - name: cons
    preset: conservative
variants:
  - name: base
  - name: small
    machineScale: 0.5
  - name: busy
    loadScale: 1.25
seeds: 3
`;

describe('experiment files', () => {
  it('reads a valid file with defaults', () => {
    const r = parseExperiment(file, VALID);
    if (!r.ok) throw new Error(r.issues.map((i) => formatIssue(i)).join('\n'));
    const e = r.value;
    expect(e.name).toBe('cmp');
    expect(e.traces).toEqual([{ kind: 'swf', name: 'kth-slice', file: join(dir, 'kth-slice.swf'), fileAsWritten: 'kth-slice.swf', missingEstimate: 'runtime' }]);
    expect(e.profiles).toEqual([
      { name: 'fcfs', backfill: 'fcfs' },
      { name: 'EASY backfill', backfill: 'easy' },
      { name: 'cons', backfill: 'conservative' },
    ]);
    expect(e.variants).toEqual([{ name: 'base' }, { name: 'small', machineScale: 0.5 }, { name: 'busy', loadScale: 1.25 }]);
    expect(e.seeds).toEqual([0, 1, 2]);
    expect(e.shaking).toEqual({ submitJitterSeconds: 60, runtimeJitter: 0.05 });
    expect(e.run).toEqual({ validate: true, jobsCsv: 'reference' });
    expect(e.source).toBe(VALID);
  });

  it('names the line and field path of a bad value', () => {
    const yaml = VALID.replace('    backfill: easy', '    backfill: eazy');
    expect(problems(yaml)).toEqual(["exp.yaml:7: profiles[1].backfill: expected one of fcfs, easy, conservative, cranesched, got 'eazy'"]);
  });

  it('reads the fair-share axis: presets, running or decayed with a half-life, errors with field paths', () => {
    const withProfiles = (profiles: string): string => VALID.replace(/profiles:\n[\s\S]*?variants:/, `profiles:\n${profiles}\nvariants:`);
    const r = parseExperiment(file, withProfiles('  - cranesched-decayed\n  - {name: d1, backfill: cranesched, fairShare: decayed, halfLife: 1h}\n  - {name: d2, preset: cranesched-decayed, fairShare: running}'));
    if (!r.ok) throw new Error(r.issues.map((i) => formatIssue(i)).join('\n'));
    expect(r.value.profiles).toEqual([
      { name: 'cranesched-decayed', backfill: 'cranesched', fairShare: 'decayed', halfLife: 7 * 86_400_000 },
      { name: 'd1', backfill: 'cranesched', fairShare: 'decayed', halfLife: 3_600_000 },
      { name: 'd2', backfill: 'cranesched', fairShare: 'running' },
    ]);
    expect(problems(withProfiles('  - {name: x, backfill: easy, fairShare: decayed}'))).toEqual([
      "exp.yaml:5: profiles[0].fairShare: decayed fair share orders the cranesched planner's queue; backfill is 'easy'",
    ]);
    expect(problems(withProfiles('  - {name: x, backfill: cranesched, halfLife: 1h}'))).toEqual(["exp.yaml:5: profiles[0].halfLife: a half-life needs 'fairShare: decayed'"]);
    expect(problems(withProfiles('  - {name: x, backfill: cranesched, fairShare: decayed, halfLife: soon}'))).toEqual([expect.stringMatching(/^exp\.yaml:5: profiles\[0\]\.halfLife: /)]);
    expect(problems(withProfiles('  - {name: x, backfill: cranesched, fairShare: fair}'))).toEqual(["exp.yaml:5: profiles[0].fairShare: expected one of running, decayed, got 'fair'"]);
    // A plain trace has no accounts and runs in submission order: its runs fail with a reason.
    expect(traceProfileProblem(r.value.profiles[1]!)).toMatch(/^profile 'd1': fairShare: decayed needs a scenario/);
    expect(traceProfileProblem(r.value.profiles[2]!)).toBeNull();
  });

  it('suggests the closest field for a typo', () => {
    const yaml = VALID.replace('    loadScale: 1.25', '    loadscale: 1.25');
    expect(problems(yaml)).toEqual(["exp.yaml:15: variants[2].loadscale: unknown field (did you mean 'loadScale'?); known: name, processors, machineScale, loadScale, containers"]);
  });

  it('reports every problem at once', () => {
    const yaml = `traces:
  - file: missing.swf
profiles: [fcfs, fcfs, lottery]
seeds: [0, -1]
shaking:
  runtimeJitter: 2
run:
  workers: many
`;
    expect(problems(yaml)).toEqual([
      `exp.yaml:2: traces[0].file: no such trace file: ${join(dir, 'missing.swf')}`,
      "exp.yaml:3: profiles[2]: unknown profile preset 'lottery'; known: fcfs, easy, conservative, cranesched, cranesched-decayed",
      'exp.yaml:4: seeds[1]: expected an integer in 0..2147483647, got -1',
      'exp.yaml:6: shaking.runtimeJitter: expected a number >= 0 and <= 0.99, got 2',
      "exp.yaml:8: run.workers: expected an integer in 0..256, got 'many'",
    ]);
  });

  it('reports missing required fields at the top level and duplicate names', () => {
    expect(problems('name: x\n')).toEqual(['exp.yaml:1: traces: missing (required)', 'exp.yaml:1: profiles: missing (required)']);
    expect(problems(VALID.replace('  - name: cons\n', '  - name: fcfs\n'))).toEqual(["exp.yaml:8: profiles[2].name: duplicate profile name 'fcfs'"]);
  });

  it('rejects a profile without a backfill choice and conflicting machine sizes', () => {
    const yaml = VALID.replace('  - name: cons\n    preset: conservative\n', '  - name: cons\n').replace('    machineScale: 0.5', '    machineScale: 0.5\n    processors: 10');
    expect(problems(yaml)).toEqual([
      "exp.yaml:8: profiles[2].backfill: missing: give 'backfill' (fcfs, easy, conservative, cranesched) or a 'preset'",
      "exp.yaml:12: variants[1].machineScale: give either 'processors' or 'machineScale', not both",
    ]);
  });

  it('rejects a name that is not one folder name', () => {
    expect(problems(VALID.replace('name: cmp', 'name: ../up'))).toEqual(["exp.yaml:1: name: must not contain '/' or '\\' or be '.' or '..' (it names the output folder), got '../up'"]);
  });

  it('reports YAML syntax errors with their line', () => {
    const out = problems('traces:\n  - file: a\n   bad: [\n');
    expect(out.length).toBeGreaterThan(0);
    expect(out[0]).toMatch(/^exp\.yaml:\d+: YAML syntax: /);
  });

  it('rejects size classes that are not ascending', () => {
    expect(problems(`${VALID}metrics:\n  sizeClasses: [4, 2]\n`)).toEqual(['exp.yaml:18: metrics.sizeClasses: class bounds must be strictly ascending, got [4, 2]']);
  });
});
