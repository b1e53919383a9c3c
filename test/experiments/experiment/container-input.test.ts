import { cpSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadExperiment, runExperiment } from '../../../experiments/experiment/index.js';
import { formatContainerWorkload } from '../../../traces/container/index.js';
import { generatePipelineWorkload } from '../../../traces/generators/index.js';
import { repoRoot, tempDir, writeExperiment } from './fixtures.js';
import { writeFileSync } from 'node:fs';

function inputs(): string {
  const dir = tempDir('container-input');
  cpSync(join(repoRoot, 'experiments', 'examples', 'pods', 'cluster.yaml'), join(dir, 'cluster.yaml'));
  const w = generatePipelineWorkload({ seed: 'exp', jobs: 12, meanInterarrival: 20 });
  if (!w.ok) throw new Error(w.issues.join('; '));
  writeFileSync(join(dir, 'w.jsonl'), formatContainerWorkload(w.value));
  return dir;
}

const yaml = (extra = '', profile = 'cranesched'): string => `name: ctr
traces:
  - containers: w.jsonl
    cluster: cluster.yaml${extra}
profiles: [${profile}]
variants:
  - {name: per-container, containers: per-container}
  - {name: pods, containers: pods}
seeds: 2
metrics:
  timeBuckets: 20
`;

describe('container workloads as experiment inputs', () => {
  it('reads a container entry and refuses trace settings on it', () => {
    const dir = inputs();
    const good = loadExperiment(writeExperiment(dir, yaml()));
    if (!good.ok) throw new Error(JSON.stringify(good.issues));
    expect(good.value.traces[0]).toMatchObject({ kind: 'container', name: 'w' });
    expect(good.value.variants.map((v) => v.containers)).toEqual(['per-container', 'pods']);
    const bad = loadExperiment(writeExperiment(dir, yaml('\n    processors: 64'), 'bad.yaml'));
    expect(bad.ok).toBe(false);
  });

  it('runs both submission modes, records container metrics and draws the container overhead comparison', async () => {
    const dir = inputs();
    const loaded = loadExperiment(writeExperiment(dir, yaml()));
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
    const r = await runExperiment(loaded.value, { outDir: join(dir, 'out'), workers: 0 });
    if (!r.ok) throw new Error('experiment failed');
    const records = readdirSync(join(dir, 'out', 'runs')).map((d) => JSON.parse(readFileSync(join(dir, 'out', 'runs', d, 'result.json'), 'utf8')));
    expect(records).toHaveLength(4);
    const sandboxes = records.map((x) => x.containers.sandboxes).sort((a, b) => a - b);
    expect(sandboxes[0]).toBeLessThan(sandboxes[3]); // Pod reuse starts fewer sandboxes
    const report = readFileSync(join(dir, 'out', 'report.html'), 'utf8');
    expect(report).toContain('Container overhead comparison');
    expect(report).toContain('per-container / cranesched');
  });

  it('fails a run under a whole-node policy with a clear message', async () => {
    const dir = inputs();
    const loaded = loadExperiment(writeExperiment(dir, yaml('', 'easy')));
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
    const r = await runExperiment(loaded.value, { outDir: join(dir, 'out'), workers: 0 });
    expect(r.ok).toBe(false);
  });
});
