import { describe, expect, it } from 'vitest';
import { makePlanner, Scheduler, type JobSpec } from '../../../core/index.js';
import { testCluster } from '../../support/cluster.js';
import { job, type Sketch } from '../../support/jobs.js';

const base = testCluster([{ name: 'a', cpus: 4, memMiB: 1000, gres: ['gpu:a100:2'] }, { name: 'b', cpus: 4, memMiB: 1000 }]);
const cluster = {
  ...base,
  partitions: [
    base.partitions[0]!,
    { ...base.partitions[0]!, name: 'gpu', nodes: ['a'], acl: { kind: 'allow' as const, accounts: ['ml'] } },
    { ...base.partitions[0]!, name: 'closed', nodes: ['b'], acl: { kind: 'deny' as const, accounts: ['acct'] } },
  ],
};

function submit(sketch: Sketch): ReturnType<Scheduler['submit']> {
  const s = new Scheduler({ cluster, planner: makePlanner('cranesched')! });
  return s.submit(job(sketch).spec, 0);
}
const spec = (over: Partial<JobSpec>): Partial<JobSpec> => over;

describe('admission (submit-time checks, CraneSched error names)', () => {
  it('accepts a job that fits, in the default partition', () => {
    expect(submit({ id: 'ok', run: 10, cpus: 4, nodes: 2 })).toEqual({ ok: true, jobId: 0 });
  });

  it.each<[string, Sketch, string, RegExp]>([
    ['unknown partition', { id: 'j', run: 1, spec: spec({ partition: 'nope' }) }, 'ERR_INVALID_PARTITION', /unknown partition 'nope'; partitions: p, gpu, closed/],
    ['account not in the allow list', { id: 'j', run: 1, spec: spec({ partition: 'gpu' }) }, 'ERR_NOT_IN_ALLOWED_LIST', /account 'acct' is not allowed in partition gpu/],
    ['account in the deny list', { id: 'j', run: 1, spec: spec({ partition: 'closed' }) }, 'ERR_IN_DENIED_LIST', /account 'acct' is denied in partition closed/],
    ['more nodes than the partition', { id: 'j', run: 1, nodes: 3 }, 'ERR_NO_ENOUGH_NODE', /asks 3 nodes; partition p has 2/],
    ['more than the partition in all', { id: 'j', run: 1, nodes: 2, memMiB: 1500 }, 'ERR_NO_RESOURCE', /asks 3000 mem in all; partition p has 2000/],
    ['no node big enough', { id: 'j', run: 1, cpus: 5 }, 'ERR_NO_ENOUGH_NODE', /0 nodes of partition p can hold that/],
    ['a GRES no node has', { id: 'j', run: 1, gres: [{ name: 'gpu', type: 'h100', count: 1 }] }, 'ERR_NO_ENOUGH_NODE', /no node has GRES gpu:h100:1/],
    ['a GPU on more nodes than have GPUs', { id: 'j', run: 1, nodes: 2, gres: [{ name: 'gpu', type: null, count: 1 }] }, 'ERR_NO_ENOUGH_NODE', /1 nodes of partition p can hold that/],
    ['more typed GPUs than the partition has', { id: 'j', run: 1, gres: [{ name: 'gpu', type: 'a100', count: 3 }] }, 'ERR_NO_RESOURCE', /asks 3 gres\/gpu:a100 in all; partition p has 2/],
    ['no time limit and no QoS maximum', { id: 'j', run: 1, spec: spec({ timeLimit: undefined }) } as Sketch, 'ERR_INVALID_PARAM', /time limit must be positive, got none/],
    ['an unknown node in -w', { id: 'j', run: 1, request: { includeNodes: ['zz'] } }, 'ERR_INVALID_PARAM', /unknown node zz in the node list/],
  ])('rejects %s', (_, sketch, code, message) => {
    const r = submit(sketch);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.code).toBe(code);
    expect(r.message).toMatch(message);
  });
});
