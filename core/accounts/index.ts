/**
 * Accounts, associations and QoS (CRANESCHED.md §4.3-4.4): the core's admission policy with
 * CraneSched's submission resolution, submit-time rejections, usage counters and scheduling-time
 * run limits over the user and the whole account chain. Pure and deterministic.
 */
export { accountsAdmission, AccountsAdmission, type UsageEntry } from './admission.js';
export { AccountsDirectory, isRoot, MAX_TIME_LIMIT, MIN_TIME_LIMIT, UNLIMITED_QOS } from './directory.js';
export { defaultNames, resolveSubmission, type Resolution, type Resolved } from './resolve.js';
export { formatTresLimit, TresMeter, type JobTres, type TresDimension } from './tres.js';
