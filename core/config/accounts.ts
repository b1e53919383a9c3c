import { readAccountTree, type AccountTree } from './account-tree.js';
import type { AccountsConfig } from './accounts-types.js';
import type { ClusterConfig } from './cluster-types.js';
import { Issues, type Validated } from './issues.js';
import { readQosList } from './qos.js';
import { readMap } from './read.js';
import { readUsers } from './users.js';

/**
 * Validates an accounts file (`Qos`, `Accounts`, `Users`) against a validated cluster, collecting
 * every issue. Partition names must exist in the cluster; QoS, parent and member accounts must
 * exist in this file. All three lists are optional (an empty file means no accounts: every job is
 * then rejected at submission, as in CraneSched without an account database entry).
 */
export function validateAccounts(raw: unknown, cluster: Pick<ClusterConfig, 'partitions'>): Validated<AccountsConfig> {
  const issues = new Issues();
  const top = raw === null || raw === undefined ? {} : readMap(issues, [], raw, { known: ['Qos', 'Accounts', 'Users'] });
  if (top === undefined) return issues.finish<AccountsConfig>(undefined);
  const qos = top['Qos'] === undefined || top['Qos'] === null ? [] : readQosList(issues, ['Qos'], top['Qos']);
  const partitions = cluster.partitions.map((p) => p.name);
  const tree: AccountTree | undefined =
    top['Accounts'] === undefined || top['Accounts'] === null ? { accounts: [], written: new Set() } : readAccountTree(issues, ['Accounts'], top['Accounts'], partitions, qos?.map((q) => q.name));
  const users = tree === undefined || top['Users'] === undefined || top['Users'] === null ? [] : readUsers(issues, ['Users'], top['Users'], tree);
  if (qos === undefined || tree === undefined || users === undefined) return issues.finish<AccountsConfig>(undefined);
  return issues.finish({ qos, accounts: tree.accounts, users });
}
