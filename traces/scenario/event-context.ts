import {
  expandHostlist,
  formatHostlist,
  readNameList,
  readString,
  type AccountsConfig,
  type ClusterConfig,
  type ConfigPath,
  type Issues,
} from '../../core/config/index.js';

/** What timed events may refer to: the validated configuration and the workload's job ids. */
export interface EventContext {
  readonly cluster: ClusterConfig;
  readonly accounts: AccountsConfig;
  /** Workload job id -> submit time (ms); null when the workload could not be loaded. */
  readonly jobs: ReadonlyMap<string, number> | null;
}

/** A hostlist whose nodes all exist in the cluster. */
export function readNodes(issues: Issues, path: ConfigPath, v: unknown, ctx: EventContext): readonly string[] | undefined {
  const s = readString(issues, path, v);
  if (s === undefined) return undefined;
  const r = expandHostlist(s);
  if (!r.ok) {
    issues.error(path, r.message);
    return undefined;
  }
  if (r.value.length === 0) {
    issues.error(path, `expected at least one node, got ${JSON.stringify(s)}`);
    return undefined;
  }
  const known = new Set(ctx.cluster.nodes.map((n) => n.name));
  const unknown = r.value.filter((n) => !known.has(n));
  if (unknown.length > 0) {
    issues.error(path, `${unknown.length === 1 ? 'node' : 'nodes'} ${formatHostlist(unknown)} ${unknown.length === 1 ? 'is' : 'are'} not defined in the cluster file`);
    return undefined;
  }
  return [...new Set(r.value)];
}

/** A list of names that must all be among `known` (`what`: the singular noun for messages). */
export function readKnownNames(issues: Issues, path: ConfigPath, v: unknown, known: readonly string[], what: string): readonly string[] | undefined {
  const names = readNameList(issues, path, v);
  if (names === undefined) return undefined;
  const missing = names.filter((n) => !known.includes(n));
  if (missing.length > 0) {
    issues.error(path, `${missing.length === 1 ? what : `${what}s`} ${missing.map((m) => `'${m}'`).join(', ')} ${missing.length === 1 ? 'is' : 'are'} not defined in the accounts file`);
    return undefined;
  }
  return names;
}

/** A single name that must be among `known`. */
export function checkKnown(issues: Issues, path: ConfigPath, name: string | undefined, known: readonly string[], what: string, where: string): string | undefined {
  if (name === undefined) return undefined;
  if (!known.includes(name)) {
    issues.error(path, `${what} '${name}' is not defined in ${where}`);
    return undefined;
  }
  return name;
}
