/**
 * The SWF header: `; Key: value` comment lines. Every key is kept (repeated keys such as `Queue`,
 * `Partition` and `Note` keep every value, in order); the well-known ones are also parsed.
 */
export interface SwfHeader {
  readonly fields: Readonly<Record<string, readonly string[]>>;
  readonly maxNodes?: number;
  readonly maxProcs?: number;
  readonly maxJobs?: number;
  readonly unixStartTime?: number;
  readonly timeZoneString?: string;
  readonly version?: string;
  readonly computer?: string;
  readonly queues: readonly string[];
  readonly partitions: readonly string[];
  readonly notes: readonly string[];
}

const HEADER_LINE = /^;\s*([A-Za-z][A-Za-z0-9_ -]*?)\s*:\s*(.*?)\s*$/;

/** Collects header fields from comment lines, in any order. */
export class SwfHeaderBuilder {
  private readonly fields: Record<string, string[]> = {};

  /** Feed a comment line (starting with ';'). Lines that are not `Key: value` are ignored. */
  add(line: string): void {
    const m = HEADER_LINE.exec(line);
    if (m === null) return;
    const key = m[1]!;
    (this.fields[key] ??= []).push(m[2]!);
  }

  build(): SwfHeader {
    const f = this.fields;
    const first = (k: string): string | undefined => f[k]?.[0];
    const num = (k: string): number | undefined => {
      const v = first(k);
      if (v === undefined) return undefined;
      const n = Number(v.split(/\s+/)[0]);
      return Number.isFinite(n) ? n : undefined;
    };
    const header: Record<string, unknown> = {
      fields: f,
      queues: f['Queue'] ?? [],
      partitions: f['Partition'] ?? [],
      notes: f['Note'] ?? [],
    };
    const set = (key: string, value: unknown): void => {
      if (value !== undefined) header[key] = value;
    };
    set('maxNodes', num('MaxNodes'));
    set('maxProcs', num('MaxProcs'));
    set('maxJobs', num('MaxJobs'));
    set('unixStartTime', num('UnixStartTime'));
    set('timeZoneString', first('TimeZoneString'));
    set('version', first('Version'));
    set('computer', first('Computer'));
    return header as unknown as SwfHeader;
  }
}
