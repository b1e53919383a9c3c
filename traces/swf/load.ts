import type { SimJob } from '../../runtime-sim/index.js';
import { WarningTally, type InputIssue, type InputWarning } from '../issue.js';
import type { SwfHeader } from './header.js';
import { SwfRowMapping, type MissingEstimate, type SwfMappingNote, type SwfMappingOptions } from './mapping.js';
import { SwfRows } from './rows.js';
import { scanSwf } from './scan.js';

export interface SwfLoadOptions {
  /** Machine size; default: the header's MaxProcs, else MaxNodes. */
  readonly processors?: number;
  readonly missingEstimate?: MissingEstimate;
  readonly skipBadLines?: boolean;
}

export interface SwfWorkload {
  readonly file: string;
  readonly header: SwfHeader;
  /** Processors of the machine the jobs are mapped onto (one one-CPU node each). */
  readonly processors: number;
  /** Where the machine size came from, for the summary: `--procs`, `MaxProcs` or `MaxNodes`. */
  readonly processorsFrom: 'option' | 'MaxProcs' | 'MaxNodes';
  /** Jobs in file order (the simulator sorts them stably by submit time). */
  readonly jobs: readonly SimJob[];
  readonly warnings: readonly InputWarning[];
  readonly skipped: number;
}

export type SwfLoadResult = { readonly ok: true; readonly value: SwfWorkload } | { readonly ok: false; readonly error: InputIssue };

const NOTE_TEXT: Record<SwfMappingNote, string> = {
  'bad-row': 'rows with no run time, no processors or a negative submit time become 1-second, 1-processor-minimum jobs (as the reference simulator does)',
  clamped: 'jobs wider than the machine are shrunk to the machine size',
  'clamped-bad-row': 'bad rows wider than the machine are shrunk to the machine size (a deliberate deviation from the reference simulator, which breaks on them)',
  'overran-request': 'jobs ran past their requested time; they run for the request, end ExceedTimeLimit, and are planned with their real length (reference mapping)',
  'missing-estimate': 'jobs have no requested time (field 9 <= 0)',
};

/**
 * Reads an SWF file into a workload. The fields a job needs are kept column-wise (nine numbers per
 * job) until the header has given the machine size, then mapped to jobs; the file text is never
 * held whole, and no record object is made per line.
 */
export async function loadSwfWorkload(file: string, options: SwfLoadOptions = {}): Promise<SwfLoadResult> {
  const rows = new SwfRows();
  const read = await scanSwf(file, rows, options.skipBadLines === true ? { skipBadLines: true } : {});
  if (!read.ok) return read;
  const { header } = read.value;
  let processors: number;
  let processorsFrom: SwfWorkload['processorsFrom'];
  if (options.processors !== undefined) {
    processors = options.processors;
    processorsFrom = 'option';
  } else if (header.maxProcs !== undefined && header.maxProcs > 0) {
    processors = header.maxProcs;
    processorsFrom = 'MaxProcs';
  } else if (header.maxNodes !== undefined && header.maxNodes > 0) {
    processors = header.maxNodes;
    processorsFrom = 'MaxNodes';
  } else {
    return { ok: false, error: { file, field: 'header', message: 'no MaxProcs or MaxNodes in the header: give the machine size with --procs' } };
  }
  if (!Number.isInteger(processors) || processors <= 0) {
    return { ok: false, error: { file, field: 'header', message: `machine size must be a positive integer, got ${processors}` } };
  }
  const missingEstimate = options.missingEstimate ?? 'runtime';
  const tally = new WarningTally(file);
  const jobs = mapRows(rows, { processors, missingEstimate }, tally);
  return {
    ok: true,
    value: {
      file,
      header,
      processors,
      processorsFrom,
      jobs,
      warnings: [...read.value.warnings, ...tally.list()],
      skipped: read.value.skipped,
    },
  };
}

function noteText(note: SwfMappingNote, missing: MissingEstimate): string {
  if (note !== 'missing-estimate') return NOTE_TEXT[note];
  return `${NOTE_TEXT[note]}: ${missing === 'runtime' ? 'the estimate is the run time (--missing-estimate=runtime)' : 'they run 1 s, planned for their run time (--missing-estimate=one-second)'}`;
}

/**
 * The jobs of the kept rows (`SWF_JOB_FIELDS`), in file order. (A function of its own: its loop is
 * optimized early, which the loop of an async function is not.)
 */
function mapRows(rows: SwfRows, mapping: SwfMappingOptions, tally: WarningTally): SimJob[] {
  const jobs: SimJob[] = []; // pushed, not preallocated: a packed array reads faster than a holey one
  // One mapping and one notes callback for all rows (not an object per job).
  let line = 0;
  const row = new SwfRowMapping(mapping, (note) => tally.add(noteText(note, mapping.missingEstimate), line));
  const d = rows.data;
  const width = rows.width;
  for (let i = 0, at = 0; i < rows.length; i++, at += width) {
    line = d[at + width - 1]!;
    row.map(d[at + 1]!, d[at + 2]!, d[at + 3]!, d[at + 4]!, d[at + 5]!);
    jobs.push(row.simJob(d[at]!, d[at + 6]!, d[at + 7]!));
  }
  return jobs;
}
