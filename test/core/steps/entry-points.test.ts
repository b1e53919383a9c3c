import { describe, expect, it } from 'vitest';
import { checkAppendedPayload, checkJobShape, entryPointOf, primaryPlacement, type JobStepsSpec } from '../../../core/steps/index.js';
import { batchJob, CONTAINER, cconJob, DIMS, node, POD, podJob, PROCESS, SCRIPT, vec } from './builders.js';

describe('entry points (§2.6)', () => {
  const nodes = [node(3), node(5)];
  const alloc = [vec(4000, 8192, 1), vec(4000, 8192, 1)];

  it('ccon run: the container runs on every job node and consumes the allocation', () => {
    const p = primaryPlacement(CONTAINER, nodes, alloc, DIMS);
    expect(p.consumesPool).toBe(true);
    expect(p.nodes).toEqual(nodes);
    expect(p.allocation.map((a) => Array.from(a))).toEqual([[4000, 8192, 1], [4000, 8192, 1]]);
  });

  it('cbatch --pod: the script runs on the first node and leaves the whole allocation to steps', () => {
    const p = primaryPlacement(SCRIPT, nodes, alloc, DIMS);
    expect(p.consumesPool).toBe(false);
    expect(p.nodes).toEqual([node(3)]);
    expect(Array.from(p.allocation[0]!)).toEqual([0, 0, 0]);
  });

  it('crun consumes like ccon; calloc holds the first node like a script', () => {
    expect(primaryPlacement(PROCESS, nodes, alloc, DIMS).consumesPool).toBe(true);
    expect(primaryPlacement({ kind: 'allocation' }, nodes, alloc, DIMS).nodes).toEqual([node(3)]);
  });

  it.each<[JobStepsSpec, string]>([
    [cconJob(), 'ccon run'],
    [podJob(), 'cbatch --pod'],
    [batchJob(), 'cbatch'],
    [{ kind: 'Interactive', user: 'a', primary: PROCESS, timeLimit: null }, 'crun'],
    [{ kind: 'Interactive', user: 'a', primary: { kind: 'allocation' }, timeLimit: null }, 'calloc'],
  ])('%o comes from %s', (spec, entry) => {
    expect(entryPointOf(spec)).toBe(entry);
    expect(checkJobShape(spec)).toEqual({ ok: true });
  });

  it.each<[string, JobStepsSpec, RegExp]>([
    ['a Container job without a Pod', { kind: 'Container', user: 'a', primary: CONTAINER, timeLimit: null }, /needs Pod metadata/],
    ['a Pod on a Batch job', { kind: 'Batch', user: 'a', pod: POD, primary: SCRIPT, timeLimit: null }, /has no Pod/],
    ['a container primary in a Batch job', { kind: 'Batch', user: 'a', primary: CONTAINER, timeLimit: null }, /needs a Container job/],
    ['a crun primary in a Container job', { kind: 'Container', user: 'a', pod: POD, primary: PROCESS, timeLimit: null }, /not process/],
    ['ports in host network mode', { ...cconJob(), pod: { ...POD, network: 'host', ports: [{ protocol: 'TCP', containerPort: 80 }] } }, /host network mode/],
  ])('refuses %s', (_name, spec, message) => {
    const r = checkJobShape(spec);
    expect(r).toMatchObject({ ok: false, code: 'ERR_INVALID_PARAM' });
    if (!r.ok) expect(r.message).toMatch(message);
  });

  it("refuses a container step in a non-container job with CraneSched's ERR_INVALID_PARAM; crun goes anywhere", () => {
    expect(checkAppendedPayload('Batch', CONTAINER)).toMatchObject({ ok: false, code: 'ERR_INVALID_PARAM' });
    expect(checkAppendedPayload('Interactive', CONTAINER)).toMatchObject({ ok: false, code: 'ERR_INVALID_PARAM' });
    expect(checkAppendedPayload('Container', CONTAINER)).toEqual({ ok: true });
    expect(checkAppendedPayload('Container', PROCESS)).toEqual({ ok: true });
    expect(checkAppendedPayload('Batch', PROCESS)).toEqual({ ok: true });
    expect(checkAppendedPayload('Container', SCRIPT)).toMatchObject({ ok: false, code: 'ERR_INVALID_PARAM' });
  });
});
