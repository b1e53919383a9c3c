import type { AccountsConfig, ClusterConfig } from '../../core/config/index.js';
import { WarningTally, type InputWarning } from '../issue.js';
import type { AdminEvent } from './events.js';
import type { Workload } from './workload.js';

/**
 * Counted warnings for jobs that refer to things the configuration lacks. They are not errors:
 * CraneSched rejects such jobs at submission (or they wait forever), and a scenario may mean to
 * show exactly that; but a typo should not go unnoticed.
 */
export function checkJobNames(workload: Workload, cluster: ClusterConfig, accounts: AccountsConfig, events: readonly AdminEvent[]): readonly InputWarning[] {
  const tally = new WarningTally(workload.file);
  const users = new Set(accounts.users.map((u) => u.name));
  const accountNames = new Set(accounts.accounts.map((a) => a.name));
  const partitions = new Set(cluster.partitions.map((p) => p.name));
  const qos = new Set(accounts.qos.map((q) => q.name));
  const nodes = new Set(cluster.nodes.map((n) => n.name));
  const reservations = new Set(events.flatMap((e) => (e.type === 'reservation-create' ? [e.name] : [])));
  const seen = new Set<string>();
  const checkIds = workload.idsUnique !== true;
  const jobs = workload.jobs;
  // Indexed: until the loop is optimized, for-of makes an iterator result per job.
  for (let i = 0; i < jobs.length; i++) {
    const job = jobs[i]!;
    if (checkIds) {
      if (seen.has(job.id)) tally.add('job ids are not unique; events and dependencies naming them refer to the first', job.line);
      seen.add(job.id);
    }
    if (!users.has(job.user)) tally.add('jobs name users the accounts file does not define; CraneSched rejects them at submission', job.line);
    if (job.account !== null && !accountNames.has(job.account)) tally.add('jobs name accounts the accounts file does not define; CraneSched rejects them at submission', job.line);
    if (job.partition !== null && !partitions.has(job.partition)) tally.add('jobs name partitions the cluster file does not define; CraneSched rejects them at submission', job.line);
    if (job.partition === null && cluster.defaultPartition === null) tally.add('jobs name no partition and the cluster file has no DefaultPartition; CraneSched rejects them at submission', job.line);
    if (job.qos !== null && !qos.has(job.qos)) tally.add('jobs name QoS the accounts file does not define; CraneSched rejects them at submission', job.line);
    if (job.reservation !== null && !reservations.has(job.reservation)) tally.add('jobs name reservations no event creates; CraneSched rejects them at submission', job.line);
    if ((job.nodeList.length > 0 && !allKnown(nodes, job.nodeList)) || (job.excludeList.length > 0 && !allKnown(nodes, job.excludeList))) tally.add('jobs name nodes (nodelist or exclude) the cluster file does not define', job.line);
  }
  return tally.list();
}

function allKnown(known: ReadonlySet<string>, names: readonly string[]): boolean {
  for (const n of names) if (!known.has(n)) return false;
  return true;
}
