/**
 * The validated configuration model: CraneSched's cluster `config.yaml` (scheduling keys) and an
 * accounts file (QoS, account tree, users and associations). Pure: validators take the plain value a
 * YAML parser returns and give `{ok: true, value, warnings} | {ok: false, issues, warnings}`, every
 * issue with a field path. Reading files and turning paths into lines is traces/config's job.
 */
export { Issues, describeValue, failed, formatPath, parsed, suggest, type ConfigIssue, type ConfigPath, type Parsed, type PathSegment, type Validated } from './issues.js';
export {
  isPlainMap,
  nameProblem,
  optional,
  parseInteger,
  readBool,
  readEnum,
  readInt,
  readList,
  readMap,
  readName,
  readNameList,
  readString,
  reader,
  requireKey,
  UINT32_MAX,
  type IntRange,
  type MapKeys,
  type PlainMap,
} from './read.js';
export { expandHostlist, formatHostlist, MAX_HOSTLIST_NAMES } from './hostlist.js';
export { parseCpuMilli, parseDuration, parseMemoryAmount, parseNodeMemory, parsePriorityMaxAge, PRIORITY_MAX_AGE_CAP } from './units.js';
export { parseGresItem, parseGresRequest, sortGres, type GresAmount } from './gres.js';
export { isUnlimitedTres, parseTres, UNLIMITED_TRES, type Tres } from './tres.js';
export type {
  AccountAcl,
  ClusterConfig,
  NodeConfig,
  PartitionConfig,
  PartitionMemory,
  PreemptConfig,
  PreemptMode,
  PriorityConfig,
  PriorityType,
  PriorityWeights,
  RequeueConfig,
} from './cluster-types.js';
export { CLUSTER_IGNORED_KEYS, CLUSTER_KEYS, PENDING_QUEUE_MAX_SIZE, SCHEDULED_BATCH_SIZE_DEFAULT, SCHEDULED_BATCH_SIZE_MAX, validateClusterConfig } from './cluster.js';
export { applyLimitsPatch, PARTITION_LIMIT_FIELDS, readLimitFields, type LimitField, type PartitionLimits, type PartitionLimitsPatch } from './limits.js';
export { applyQosPatch, DEFAULT_QOS_PRIORITY, findPreemptCycle, QOS_LIMIT_FIELDS, readQosPatch, type QosConfig, type QosLimits, type QosPatch } from './qos.js';
export type { AccountConfig, AccountsConfig, AdminLevel, Association, UserAccount, UserConfig } from './accounts-types.js';
export { readPartitionLimitsMap } from './account-tree.js';
export { validateAccounts } from './accounts.js';
export { accountChain, checkPartitionAcls, findAssociation, findUser } from './lookup.js';
