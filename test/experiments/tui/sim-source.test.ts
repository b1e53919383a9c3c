import { describe, expect, it } from 'vitest';
import { backfillPolicies, uniformCluster } from '../../../core/index.js';
import { Simulation } from '../../../runtime-sim/index.js';
import { SimulationSource } from '../../../experiments/tui/sim-source.js';
import { simJob } from '../../support/builders.js';
import { sketchSource } from './support.js';

// 4 nodes. a (3 nodes) runs 0-600 s; b (2 nodes) waits for a; c (1 node, 100 s) backfills beside a under EASY.
const jobs = [
  { id: 'a', submit: 0, run: 600, limit: 900, nodes: 3, user: 'alice' },
  { id: 'b', submit: 10, run: 300, limit: 600, nodes: 2, user: 'bob' },
  { id: 'c', submit: 20, run: 100, limit: 200, nodes: 1, user: 'carol' },
];

describe('SimulationSource', () => {
  it('starts empty with the first submission as the next event', () => {
    const s = sketchSource(jobs, 4);
    expect(s.isLive).toBe(false);
    expect(s.nextTime).toBe(0);
    const snap = s.snapshot();
    expect(snap.pending).toEqual([]);
    expect(snap.nodes.map((n) => n.state)).toEqual(['idle', 'idle', 'idle', 'idle']);
    expect(snap.partitions.map((p) => p.name)).toEqual(['default']);
    expect(snap.progress).toEqual({ finished: 0, rejected: 0, total: 3, events: 0 });
  });

  it('maps the core view: pending with reasons, running with nodes, node states from allocations', () => {
    const s = sketchSource(jobs, 4);
    // Submissions of a, b and c; a and c start at their submissions, without a launch event.
    expect(s.advance({ until: 20_000, maxEvents: Infinity })).toEqual({ events: 3, limited: false });
    const snap = s.snapshot();
    expect(snap.now).toBe(20_000);
    expect(snap.running.map((j) => [j.id, j.user, j.nodeList, j.startTime])).toEqual([
      ['a', 'alice', 'n[0-2]', 0],
      ['c', 'carol', 'n3', 20_000],
    ]);
    expect(snap.pending).toHaveLength(1);
    const b = snap.pending[0]!;
    expect([b.id, b.user, b.nodeCount, b.timeLimit, b.pendingReason]).toEqual(['b', 'bob', 2, 600_000, 'Resource']);
    expect(b.priority?.value).toBeTypeOf('number');
    expect(snap.nodes.map((n) => n.state)).toEqual(['allocated', 'allocated', 'allocated', 'allocated']);
  });

  it('describes what happened since the last drain, oldest first', () => {
    const s = sketchSource(jobs, 4);
    s.advance({ until: 10_000, maxEvents: Infinity });
    const first = s.drainEvents();
    expect(first.dropped).toBe(0);
    expect(first.entries.map((e) => [e.time, e.kind, e.text])).toEqual([
      [0, 'submitted', 'job a user alice: 3 nodes, limit 00:15:00'],
      [0, 'started', 'job a on n[0-2] after waiting 0s'],
      [10_000, 'submitted', 'job b user bob: 2 nodes, limit 00:10:00'],
    ]);
    expect(first.entries[2]).toMatchObject({ user: 'bob', account: '', partition: 'default' });
    expect(s.drainEvents().entries).toEqual([]);
    s.advance({ until: Infinity, maxEvents: Infinity });
    const rest = s.drainEvents().entries;
    expect(rest.map((e) => e.seq)).toEqual([3, 4, 5, 6, 7, 8]); // 3 jobs: 9 notices in all
    expect(rest.filter((e) => e.kind === 'ended').map((e) => e.text)).toEqual([
      'job c Completed after 1m',
      'job a Completed after 10m',
      'job b Completed after 5m',
    ]);
    expect(s.done).toBe(true);
    expect(s.snapshot().progress).toMatchObject({ finished: 3, total: 3 });
  });

  it('keeps only the newest events when more happen between drains than it holds', () => {
    const many = Array.from({ length: 50 }, (_, i) => ({ id: `j${i}`, submit: i, run: 1, nodes: 1 }));
    const s = sketchSource(many, 2, 'easy', 10);
    s.advance({ until: Infinity, maxEvents: Infinity });
    const batch = s.drainEvents(); // 50 jobs x (submit, start, end) = 150 events
    expect(batch.dropped).toBe(140);
    expect(batch.entries.map((e) => e.seq)).toEqual([140, 141, 142, 143, 144, 145, 146, 147, 148, 149]);
    expect(batch.entries.at(-1)?.text).toBe('job j49 Completed after 1s');
    expect(s.drainEvents()).toEqual({ entries: [], dropped: 0 });
  });

  it('ends a slice between instants, so the log has every start the snapshot shows', () => {
    const s = sketchSource([{ id: 'x', submit: 0, run: 5, nodes: 1 }, { id: 'y', submit: 0, run: 5, nodes: 1 }, { id: 'z', submit: 1, run: 5, nodes: 1 }], 2);
    expect(s.advance({ until: Infinity, maxEvents: 1 })).toEqual({ events: 2, limited: true }); // 2 submissions at 0, each starting its job
    expect(s.snapshot().running.map((j) => j.id)).toEqual(['x', 'y']);
    expect(s.drainEvents().entries.filter((e) => e.kind === 'started').map((e) => e.text.split(' ')[1])).toEqual(['x', 'y']);
    // step() is the exception: exactly one event.
    expect(s.step()).toEqual({ events: 1, limited: false });
    expect(s.drainEvents().entries.map((e) => e.text)).toEqual(['job z user u: 1 nodes, limit 00:00:05']);
  });

  it('says when a slice stopped at its event budget', () => {
    const s = sketchSource(jobs, 4);
    expect(s.advance({ until: Infinity, maxEvents: 2 })).toEqual({ events: 2, limited: true });
    expect(s.advance({ until: 5_000, maxEvents: 2 })).toEqual({ events: 0, limited: false });
  });

  it('shows node state changes from admin commands in the grid and the log', () => {
    const sim = new Simulation(jobs.map(simJob), {
      cluster: uniformCluster(4),
      backfill: backfillPolicies['easy']!(),
      admin: [
        { time: 5_000, command: { type: 'SetNodeState', node: 'n3', state: 'drain' } },
        { time: 700_000, command: { type: 'SetNodeState', node: 'n3', state: 'down' } },
        { time: 800_000, command: { type: 'HoldJob', job: 'nope' } },
      ],
    });
    const s = new SimulationSource(sim, { title: 't', timeBase: { unixStart: null, timeZone: null } });
    s.advance({ until: 20_000, maxEvents: Infinity });
    expect(s.snapshot().nodes.map((n) => n.state)).toEqual(['allocated', 'allocated', 'allocated', 'drained']);
    expect(s.drainEvents().entries.filter((e) => e.kind === 'node-drained').map((e) => e.text)).toEqual(['node n3 drain']);
    s.advance({ until: Infinity, maxEvents: Infinity });
    expect(s.snapshot().nodes[3]?.state).toBe('down');
    const later = s.drainEvents().entries;
    expect(later.find((e) => e.kind === 'node-down')?.text).toBe('node n3 down');
    expect(later.find((e) => e.kind === 'admin')?.text).toMatch(/^HoldJob job nope refused: /);
  });
});
