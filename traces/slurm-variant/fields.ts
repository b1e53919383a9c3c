/**
 * The Slurm simulator's SWF variant (ubccr-slurm-simulator/slurm_sim_tools, e.g.
 * `tutorials/micro_cluster/workload/jobs500.swf`): SWF's 18 fields in SWF's order, but separated
 * by `;` (with a trailing `;`), and with fields 12, 13, 15 and 16 carrying Slurm names instead of
 * numbers: user, account, queue and partition. In the tutorial the queue field holds the QoS
 * (its jobs are submitted with `-q` equal to it) and field 7 holds the `--mem` request in MB.
 */
export const VARIANT_FIELDS = [
  { name: 'jobNumber', kind: 'number', required: true },
  { name: 'submitTime', kind: 'number', required: true },
  { name: 'waitTime', kind: 'number', required: false },
  { name: 'runTime', kind: 'number', required: true },
  { name: 'allocatedProcessors', kind: 'number', required: true },
  { name: 'averageCpuTime', kind: 'number', required: false },
  { name: 'usedMemory', kind: 'number', required: false },
  { name: 'requestedProcessors', kind: 'number', required: false },
  { name: 'requestedTime', kind: 'number', required: true },
  { name: 'requestedMemory', kind: 'number', required: false },
  { name: 'status', kind: 'number', required: false },
  { name: 'user', kind: 'name', required: true },
  { name: 'account', kind: 'name', required: false },
  { name: 'executableNumber', kind: 'number', required: false },
  { name: 'queue', kind: 'name', required: false },
  { name: 'partition', kind: 'name', required: false },
  { name: 'precedingJobNumber', kind: 'number', required: false },
  { name: 'thinkTime', kind: 'number', required: false },
] as const;

export type VariantField = (typeof VARIANT_FIELDS)[number];
export type VariantNumberField = Extract<VariantField, { kind: 'number' }>['name'];
export type VariantNameField = Extract<VariantField, { kind: 'name' }>['name'];

/**
 * One job line. Numbers: `-1` is unknown, as in SWF (an empty optional number is read as -1).
 * Names: an empty optional name is `''` (not given).
 */
export type SlurmVariantRecord = { readonly [K in VariantNumberField]: number } & { readonly [K in VariantNameField]: string } & {
  /** 1-based line number in the file. */
  readonly line: number;
};

/** `field 12 (user)`: how messages name a field. */
export const describeVariantField = (index: number): string => `field ${index + 1} (${VARIANT_FIELDS[index]!.name})`;
