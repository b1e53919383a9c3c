import { describe, expect, it } from 'vitest';
import { makePlanner, Scheduler } from '../../../core/index.js';
import { CoreViewMapper } from '../../../experiments/tui/core-view.js';
import { testCluster } from '../../support/cluster.js';

describe('the TUI maps the core view of reservations', () => {
  it('lists reservations and shows idle nodes of an active one as reserved', () => {
    const s = new Scheduler({ cluster: testCluster([{ name: 'n1', cpus: 1 }, { name: 'n2', cpus: 1 }, { name: 'n3', cpus: 1 }]), planner: makePlanner('cranesched')! });
    expect(s.admin({ type: 'CreateReservation', name: 'r', start: 0, end: 60_000, nodes: ['n2', 'n3'] }, 0)).toEqual({ ok: true });
    s.schedule(0);
    const snap = new CoreViewMapper(s.cluster).snapshot(s.view(), { finished: 0, rejected: 0, total: 0, events: 0 });
    expect(snap.reservations).toEqual([{ name: 'r', start: 0, end: 60_000, nodes: 'n[2-3]' }]);
    expect(snap.nodes.map((n) => n.state)).toEqual(['idle', 'reserved', 'reserved']);
  });
});
