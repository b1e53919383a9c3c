import {
  checkPartitionAcls,
  validateAccounts,
  validateClusterConfig,
  type AccountsConfig,
  type ClusterConfig,
  type Validated,
} from '../../core/config/index.js';
import type { InputIssue } from '../issue.js';
import { locateIssues, readYamlFile, type YamlFile } from './yaml-file.js';

/** A loaded file: the value and its warnings, or every issue found (file, line, field path). */
export type Loaded<T> =
  | { readonly ok: true; readonly value: T; readonly warnings: readonly InputIssue[] }
  | { readonly ok: false; readonly issues: readonly InputIssue[]; readonly warnings: readonly InputIssue[] };

interface WithYaml<T> {
  readonly loaded: Loaded<T>;
  readonly yaml?: YamlFile;
}

async function loadValidated<T>(file: string, validate: (raw: unknown) => Validated<T>): Promise<WithYaml<T>> {
  const read = await readYamlFile(file);
  if (!read.ok) return { loaded: { ok: false, issues: read.issues, warnings: [] } };
  const yaml = read.value;
  const r = validate(yaml.value);
  const warnings = locateIssues(yaml, r.warnings);
  return { yaml, loaded: r.ok ? { ok: true, value: r.value, warnings } : { ok: false, issues: locateIssues(yaml, r.issues), warnings } };
}

/** Reads and validates a cluster file (CraneSched `config.yaml` keys). */
export async function loadClusterConfig(file: string): Promise<Loaded<ClusterConfig>> {
  return (await loadValidated(file, validateClusterConfig)).loaded;
}

/** Reads and validates an accounts file against a validated cluster. */
export async function loadAccountsConfig(file: string, cluster: ClusterConfig): Promise<Loaded<AccountsConfig>> {
  return (await loadValidated(file, (raw) => validateAccounts(raw, cluster))).loaded;
}

export interface ConfigPair {
  readonly cluster: ClusterConfig;
  readonly accounts: AccountsConfig;
}

/**
 * Loads a cluster file and an accounts file together. The accounts file is only checked when the
 * cluster file is valid (it refers to its partitions). Partition ACLs naming unknown accounts are
 * warnings on the cluster file.
 */
export async function loadConfigPair(clusterFile: string, accountsFile: string): Promise<Loaded<ConfigPair>> {
  const { loaded: clusterLoaded, yaml: clusterYaml } = await loadValidated(clusterFile, validateClusterConfig);
  if (!clusterLoaded.ok) return clusterLoaded;
  const cluster = clusterLoaded.value;
  const accounts = (await loadValidated(accountsFile, (raw) => validateAccounts(raw, cluster))).loaded;
  const warnings = [...clusterLoaded.warnings, ...accounts.warnings];
  if (!accounts.ok) return { ok: false, issues: accounts.issues, warnings };
  if (clusterYaml !== undefined) warnings.push(...locateIssues(clusterYaml, checkPartitionAcls(cluster, accounts.value)));
  return { ok: true, value: { cluster, accounts: accounts.value }, warnings };
}
