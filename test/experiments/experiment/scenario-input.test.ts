import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadExperiment, planRuns, runExperiment } from '../../../experiments/experiment/index.js';
import { hashFile } from '../../../experiments/experiment/plan.js';
import { repoRoot, tempDir, writeExperiment } from './fixtures.js';

/** A copy of the bundled GPU-cluster scenario, so a test may edit its files. */
function scenarioCopy(): { dir: string; scenario: string } {
  const dir = tempDir('scenario-input');
  cpSync(join(repoRoot, 'traces', 'scenarios', 'gpu-cluster'), join(dir, 'gpu-cluster'), { recursive: true });
  return { dir, scenario: join(dir, 'gpu-cluster', 'scenario.yaml') };
}

const experimentYaml = (extra = ''): string => `name: scn
traces:
  - scenario: gpu-cluster/scenario.yaml
    ignoreUnsupported: true${extra}
profiles: [cranesched]
seeds: 2
metrics:
  timeBuckets: 20
`;

describe('scenarios as experiment inputs', () => {
  it('reads a scenario entry and refuses trace-only settings on it', () => {
    const { dir } = scenarioCopy();
    const good = loadExperiment(writeExperiment(dir, experimentYaml()));
    if (!good.ok) throw new Error(JSON.stringify(good.issues));
    expect(good.value.traces[0]).toMatchObject({ kind: 'scenario', name: 'scenario', ignoreUnsupported: true });
    const bad = loadExperiment(writeExperiment(dir, experimentYaml('\n    processors: 64'), 'bad.yaml'));
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.issues.map((i) => i.message)).toContain('a scenario sets processors in its own workload and cluster files');
  });

  it('keys a scenario run by the files it names, so editing the cluster file recomputes it', () => {
    const { dir, scenario } = scenarioCopy();
    const loaded = loadExperiment(writeExperiment(dir, experimentYaml()));
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
    const before = planRuns(loaded.value, 'test', hashFile).map((r) => r.task.key);
    const cluster = join(dir, 'gpu-cluster', 'cluster.yaml');
    writeFileSync(cluster, readFileSync(cluster, 'utf8') + '\n# an edit\n');
    const after = planRuns(loaded.value, 'test', hashFile).map((r) => r.task.key);
    expect(after.every((k, i) => k !== before[i])).toBe(true);
    void scenario;
  });

  it('runs a scenario under its accounts and QoS, with seeds, deterministically', async () => {
    const { dir } = scenarioCopy();
    const loaded = loadExperiment(writeExperiment(dir, experimentYaml()));
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
    const a = await runExperiment(loaded.value, { outDir: join(dir, 'out-a'), workers: 0 });
    const b = await runExperiment(loaded.value, { outDir: join(dir, 'out-b'), workers: 0 });
    if (!a.ok || !b.ok) throw new Error('experiment failed');
    const summary = readFileSync(join(dir, 'out-a', 'summary.csv'), 'utf8');
    expect(summary).toContain('scenario');
    expect(summary.trim().split('\n').length).toBe(1 + 2 + 1); // header, two seeds, the aggregate
    expect(readFileSync(join(dir, 'out-b', 'summary.csv'), 'utf8')).toBe(summary);
  });
});
