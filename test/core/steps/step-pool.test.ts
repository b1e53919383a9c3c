import { describe, expect, it } from 'vitest';
import { StepPool } from '../../../core/steps/index.js';
import { DIMS, node, request, vec } from './builders.js';

/** Two job nodes: node 0 holds 4 CPUs, 8 GiB, 2 A100; node 1 holds 2 CPUs, 4 GiB, no GPU. */
const pool = (): StepPool => new StepPool([node(0), node(1)], [vec(4000, 8192, 2), vec(2000, 4096, 0)], DIMS);

describe('StepPool submission check (against the job total, choice C4)', () => {
  it.each([
    ['fits on one node', request(1, 4000, 8192, 2), { ok: true }],
    ['fits on both nodes (2 x 2 CPUs <= 6)', request(2, 2000, 4096), { ok: true }],
    // 2 x 4 CPUs = 8 > 6 held in all
    ['over the job total', request(2, 4000, 1024), 'ERR_STEP_RES_BEYOND'],
    // 3 GPUs on one node > 2 held in all
    ['GPUs over the job total', request(1, 1000, 1024, 3), 'ERR_STEP_RES_BEYOND'],
    // 2 x 1 GPU = 2 <= 2 held, but only node 0 has GPUs
    ['within the total but on too few nodes', request(2, 1000, 1024, 1), 'ERR_NO_ENOUGH_NODE'],
    // 3 x 1 CPU <= 6 in all, but the job has 2 nodes
    ['more nodes than the job has', request(3, 1000, 1024), 'ERR_NO_ENOUGH_NODE'],
    ['excluded out of nodes', request(1, 3000, 1024, 0, { excludeNodes: [node(0)] }), 'ERR_NO_ENOUGH_NODE'],
    ['include limits the nodes', request(1, 1000, 1024, 1, { includeNodes: [node(1)] }), 'ERR_NO_ENOUGH_NODE'],
    ['zero nodes', request(0, 1000, 1024), 'ERR_INVALID_PARAM'],
  ] as const)('%s', (_name, req, want) => {
    const r = pool().check(req);
    if (typeof want === 'string') expect(r.ok ? 'ok' : r.code).toBe(want);
    else expect(r).toEqual(want);
  });

  it('checks the total allocation, not what is free', () => {
    const p = pool();
    const all = p.place(request(1, 4000, 8192, 2))!;
    p.take(all);
    expect(p.check(request(1, 4000, 8192, 2))).toEqual({ ok: true });
    expect(p.place(request(1, 4000, 8192, 2))).toBeUndefined();
  });

  it('an untyped GRES request counts against every type of that name', () => {
    const p = pool();
    const untyped = { nodeCount: 1, perNode: { vec: vec(1000, 1024, 0), untyped: [{ dims: [2], count: 2 }] } };
    expect(p.check(untyped)).toEqual({ ok: true });
    expect(p.check({ ...untyped, perNode: { ...untyped.perNode, untyped: [{ dims: [2], count: 3 }] } })).toMatchObject({ code: 'ERR_STEP_RES_BEYOND' });
    const place = p.place(untyped)!;
    expect(Array.from(place.allocation[0]!)).toEqual([1000, 1024, 2]);
  });
});

describe('StepPool take and give', () => {
  it('places on the first job nodes that fit, in job-node order, and gives back exactly', () => {
    const p = pool();
    const a = p.place(request(1, 1000, 1024))!;
    expect(a.nodes).toEqual([node(0)]);
    p.take(a);
    expect(Array.from(p.freeOn(node(0)))).toEqual([3000, 7168, 2]);
    const b = p.place(request(1, 3000, 4096))!; // node 0 still has 3000
    expect(b.nodes).toEqual([node(0)]);
    p.take(b);
    const c = p.place(request(1, 1000, 1024))!; // node 0 is out of CPU: node 1
    expect(c.nodes).toEqual([node(1)]);
    p.give(a);
    p.give(b);
    expect(p.isIdle()).toBe(true);
  });

  it('refuses to go below zero or above the total (a bug, so it throws naming the node)', () => {
    const p = pool();
    expect(() => p.give({ nodes: [node(1)], allocation: [vec(1, 0, 0)] })).toThrow(/node 1/);
    expect(() => p.take({ nodes: [node(1)], allocation: [vec(2001, 0, 0)] })).toThrow(/taking 2001 of dimension 0 on node 1/);
    expect(() => p.freeOn(node(5))).toThrow(/not one of the job's/);
  });

  it('refuses a malformed pool', () => {
    expect(() => new StepPool([], [], DIMS)).toThrow(/0 nodes/);
    expect(() => new StepPool([node(0)], [new Float64Array(2)], DIMS)).toThrow(/2 dims, expected 3/);
  });
});
