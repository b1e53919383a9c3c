/** The 18 SWF fields in file order (Standard Workload Format v2.2, Feitelson et al.). */
export const SWF_FIELDS = [
  'jobNumber',
  'submitTime',
  'waitTime',
  'runTime',
  'allocatedProcessors',
  'averageCpuTime',
  'usedMemory',
  'requestedProcessors',
  'requestedTime',
  'requestedMemory',
  'status',
  'userId',
  'groupId',
  'executableNumber',
  'queueNumber',
  'partitionNumber',
  'precedingJobNumber',
  'thinkTime',
] as const;

export type SwfFieldName = (typeof SWF_FIELDS)[number];

/** One job line. `-1` means unknown, as in the format. Times in seconds, possibly fractional. */
export type SwfRecord = { readonly [K in SwfFieldName]: number } & {
  /** 1-based line number in the file. */
  readonly line: number;
};

/** `field 9 (requestedTime)`: how messages name a field. */
export const describeField = (index: number): string => `field ${index + 1} (${SWF_FIELDS[index]})`;

/**
 * Builds a record from the 18 values in file order (from `v[offset]` on); one fixed object shape,
 * so reads stay fast.
 */
export function recordFrom(v: ArrayLike<number>, line: number, offset = 0): SwfRecord {
  const o = offset;
  return {
    jobNumber: v[o]!,
    submitTime: v[o + 1]!,
    waitTime: v[o + 2]!,
    runTime: v[o + 3]!,
    allocatedProcessors: v[o + 4]!,
    averageCpuTime: v[o + 5]!,
    usedMemory: v[o + 6]!,
    requestedProcessors: v[o + 7]!,
    requestedTime: v[o + 8]!,
    requestedMemory: v[o + 9]!,
    status: v[o + 10]!,
    userId: v[o + 11]!,
    groupId: v[o + 12]!,
    executableNumber: v[o + 13]!,
    queueNumber: v[o + 14]!,
    partitionNumber: v[o + 15]!,
    precedingJobNumber: v[o + 16]!,
    thinkTime: v[o + 17]!,
    line,
  };
}
