import type { SimJob } from '../../runtime-sim/index.js';
import { WarningTally, type InputIssue, type InputWarning } from '../issue.js';
import { recordFrom, SWF_FIELDS, writeRecordValues, type SwfRecord } from './fields.js';
import type { SwfHeader } from './header.js';
import { mapSwfRecord, type MissingEstimate, type SwfMappingNote } from './mapping.js';
import { readSwf } from './reader.js';

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
 * Reads an SWF file into a workload. The records are kept column-wise (a few numbers per job) until
 * the header has given the machine size, then mapped to jobs; the file text is never held whole.
 */
export async function loadSwfWorkload(file: string, options: SwfLoadOptions = {}): Promise<SwfLoadResult> {
  const columns = new Columns();
  const read = await readSwf(file, (r) => columns.push(r), options.skipBadLines === true ? { skipBadLines: true } : {});
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
  const jobs: SimJob[] = [];
  // One options object and one notes callback for all records (not two objects per job).
  const mapping = { processors, missingEstimate };
  let line = 0;
  const notes = (note: SwfMappingNote): void => tally.add(noteText(note, missingEstimate), line);
  for (let i = 0; i < columns.length; i++) {
    const record = columns.record(i);
    line = record.line;
    jobs.push(mapSwfRecord(record, mapping, notes));
  }
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

/** SWF records stored column-wise in growable typed arrays: 19 numbers per job, no objects. */
class Columns {
  private data: Float64Array = new Float64Array(19 * 1024);
  length = 0;

  push(r: SwfRecord): void {
    const width = SWF_FIELDS.length + 1;
    if ((this.length + 1) * width > this.data.length) {
      const grown = new Float64Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    const base = this.length * width;
    writeRecordValues(r, this.data, base);
    this.data[base + SWF_FIELDS.length] = r.line;
    this.length++;
  }

  record(index: number): SwfRecord {
    const width = SWF_FIELDS.length + 1;
    const base = index * width;
    return recordFrom(this.data, this.data[base + SWF_FIELDS.length]!, base);
  }
}
