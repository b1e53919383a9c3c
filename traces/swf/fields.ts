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

/** Builds a record from the 18 values in file order; one fixed object shape, so reads stay fast. */
export function recordFrom(v: ArrayLike<number>, line: number): SwfRecord {
  return {
    jobNumber: v[0]!,
    submitTime: v[1]!,
    waitTime: v[2]!,
    runTime: v[3]!,
    allocatedProcessors: v[4]!,
    averageCpuTime: v[5]!,
    usedMemory: v[6]!,
    requestedProcessors: v[7]!,
    requestedTime: v[8]!,
    requestedMemory: v[9]!,
    status: v[10]!,
    userId: v[11]!,
    groupId: v[12]!,
    executableNumber: v[13]!,
    queueNumber: v[14]!,
    partitionNumber: v[15]!,
    precedingJobNumber: v[16]!,
    thinkTime: v[17]!,
    line,
  };
}

/** Writes a record's 18 values in file order into `out` from `at` (the inverse of `recordFrom`). */
export function writeRecordValues(r: SwfRecord, out: Float64Array, at: number): void {
  out[at] = r.jobNumber;
  out[at + 1] = r.submitTime;
  out[at + 2] = r.waitTime;
  out[at + 3] = r.runTime;
  out[at + 4] = r.allocatedProcessors;
  out[at + 5] = r.averageCpuTime;
  out[at + 6] = r.usedMemory;
  out[at + 7] = r.requestedProcessors;
  out[at + 8] = r.requestedTime;
  out[at + 9] = r.requestedMemory;
  out[at + 10] = r.status;
  out[at + 11] = r.userId;
  out[at + 12] = r.groupId;
  out[at + 13] = r.executableNumber;
  out[at + 14] = r.queueNumber;
  out[at + 15] = r.partitionNumber;
  out[at + 16] = r.precedingJobNumber;
  out[at + 17] = r.thinkTime;
}
