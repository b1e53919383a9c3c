import type { AccountConfig, AccountsConfig, Association, UserConfig } from './accounts-types.js';
import type { ClusterConfig } from './cluster-types.js';
import { formatPath, type ConfigIssue } from './issues.js';

/**
 * Lookups over a validated configuration that admission and limit checks need. Linear scans are
 * fine at configuration sizes; a hot path should build its own maps once.
 */

/** The job's account and all its ancestors, nearest first (CraneSched's `account_chain`). */
export function accountChain(accounts: AccountsConfig, account: string): readonly string[] {
  const byName = new Map(accounts.accounts.map((a) => [a.name, a]));
  const chain: string[] = [];
  let cur: AccountConfig | undefined = byName.get(account);
  while (cur !== undefined && !chain.includes(cur.name)) {
    chain.push(cur.name);
    cur = cur.parent === null ? undefined : byName.get(cur.parent);
  }
  return chain;
}

export function findUser(accounts: AccountsConfig, user: string): UserConfig | undefined {
  return accounts.users.find((u) => u.name === user);
}

/** The (user, account, partition) association, or undefined when the user may not use it. */
export function findAssociation(accounts: AccountsConfig, user: string, account: string, partition: string): Association | undefined {
  return findUser(accounts, user)
    ?.accounts.find((m) => m.account === account)
    ?.associations.find((a) => a.partition === partition);
}

/**
 * Cross-file warnings: partition ACLs naming accounts the accounts file does not define. CraneSched
 * does not check this (accounts live in its database), so these are warnings with paths in the
 * cluster file.
 */
export function checkPartitionAcls(cluster: ClusterConfig, accounts: AccountsConfig): readonly ConfigIssue[] {
  const known = new Set(accounts.accounts.map((a) => a.name));
  const out: ConfigIssue[] = [];
  cluster.partitions.forEach((p, i) => {
    if (p.acl.kind === 'all') return;
    const key = p.acl.kind === 'allow' ? 'AllowedAccounts' : 'DeniedAccounts';
    for (const name of p.acl.accounts) {
      if (known.has(name)) continue;
      const segments = ['Partitions', i, key];
      out.push({ path: formatPath(segments), segments, message: `account '${name}' is not defined in the accounts file` });
    }
  });
  return out;
}
