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
