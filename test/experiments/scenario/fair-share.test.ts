import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { prepareScenario, runScenario } from '../../../experiments/scenario/index.js';
import { formatIssue } from '../../../traces/index.js';
import { loadScenario } from '../../../traces/scenario/index.js';

/**
 * The decayed fair share chosen in a scenario's profile. One 4-CPU node; fair share is the only
 * weighted factor. Accounts `hist` and `recent` sit under `dept` (equal shares). hist used the node
 * long ago and for long (200 s from 0 s), recent just now and briefly (100 s from 10,000 s); then
 * r2 (recent) and h2 (hist) wait, r2 submitted first.
 */
const dir = mkdtempSync(join(tmpdir(), 'cranelab-fairshare-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(profile: string, priority = 'priority/multifactor', fairShareWeight = 1000): string {
  writeFileSync(
    join(dir, 'cluster.yaml'),
    `Nodes:\n  - {name: n1, cpu: 4, memory: 4G}\nPartitions:\n  - {name: p, nodes: ALL}\nDefaultPartition: p\nPriorityType: ${priority}\nPriorityWeightAge: 0\nPriorityWeightFairShare: ${fairShareWeight}\n`,
  );
  writeFileSync(
    join(dir, 'accounts.yaml'),
    [
      'Qos:',
      '  - {Name: normal}',
      'Accounts:',
      '  - {Name: dept, AllowedPartitions: [p], AllowedQos: [normal]}',
      '  - {Name: hist, Parent: dept}',
      '  - {Name: recent, Parent: dept}',
      'Users:',
      '  - {Name: h, DefaultAccount: hist}',
      '  - {Name: r, DefaultAccount: recent}',
    ].join('\n') + '\n',
  );
  const file = join(dir, 'scenario.yaml');
  writeFileSync(
    file,
    [
      'cluster: cluster.yaml',
      'accounts: accounts.yaml',
      `profile: ${profile}`,
      'workload:',
      '  format: jobs',
      '  jobs:',
      '    - {id: h1, submit: 0, user: h, cpus-per-task: 4, time: 200, runtime: 200}',
      '    - {id: r1, submit: 10000, user: r, cpus-per-task: 4, time: 100, runtime: 100}',
      '    - {id: r2, submit: 10050, user: r, cpus-per-task: 4, time: 20, runtime: 10}',
      '    - {id: h2, submit: 10060, user: h, cpus-per-task: 4, time: 20, runtime: 10}',
    ].join('\n') + '\n',
  );
  return file;
}

async function run(profile: string): Promise<Record<string, number>> {
  const loaded = await loadScenario(write(profile));
  if (!loaded.ok) throw new Error(loaded.issues.map(formatIssue).join('\n'));
  const p = await prepareScenario(loaded.value);
  if (!p.ok) throw new Error(JSON.stringify(p));
  return Object.fromEntries(runScenario(p.value).result.jobs.map(({ view }) => [view.spec.externalId, view.startTime / 1000]));
}

async function problems(profile: string, priority?: string, weight?: number): Promise<string[]> {
  const loaded = await loadScenario(write(profile, priority, weight));
  if (!loaded.ok) return loaded.issues.map((i) => formatIssue(i).replace(`${dir}/`, ''));
  const p = await prepareScenario(loaded.value);
  return p.ok ? [] : [p.kind === 'profile' ? `${p.axis}: ${p.message}` : JSON.stringify(p)];
}

describe('scenario profile fairShare', () => {
  it('running (CraneSched, the default): nothing runs at 10,100 s, a tie, r2 first', async () => {
    expect(await run('{backfill: cranesched}')).toEqual({ h1: 0, r1: 10_000, r2: 10_100, h2: 10_110 });
    expect(await run('{fairShare: running}')).toEqual({ h1: 0, r1: 10_000, r2: 10_100, h2: 10_110 });
  });

  it('decayed, half-life 10 minutes: hist used the node long ago, h2 first', async () => {
    expect(await run('{fairShare: decayed, halfLife: 10m}')).toEqual({ h1: 0, r1: 10_000, r2: 10_110, h2: 10_100 });
  });

  it('decayed, default half-life (7 days): hist used twice as much, r2 first', async () => {
    expect(await run('{fairShare: decayed}')).toEqual({ h1: 0, r1: 10_000, r2: 10_100, h2: 10_110 });
  });

  it('bad settings are errors with the field path', async () => {
    expect(await problems('{fairShare: fair}')).toEqual([expect.stringMatching(/scenario\.yaml:3: profile\.fairShare: expected one of running, decayed/)]);
    expect(await problems('{halfLife: 1h}')).toEqual([expect.stringMatching(/scenario\.yaml:3: profile\.halfLife: a half-life needs 'fairShare: decayed'/)]);
    expect(await problems('{fairShare: decayed, halfLife: 0}')).toEqual([expect.stringMatching(/profile\.halfLife: expected a duration > 0/)]);
    expect(await problems('{fairShare: decayed}', 'priority/basic')).toEqual(['profile.fairShare: decayed fair share needs priority/multifactor (PriorityType or profile.priority)']);
    expect(await problems('{fairShare: decayed}', 'priority/multifactor', 0)).toEqual([expect.stringMatching(/^profile\.fairShare: decayed fair share needs PriorityWeightFairShare > 0/)]);
    expect(await problems('{fairShare: decayed, backfill: easy}')).toEqual([expect.stringMatching(/^profile\.fairShare: decayed fair share orders the queue of the cranesched planner/)]);
  });
});
