/** A problem found in an input file, named by file, line and field. */
export interface InputIssue {
  readonly file: string;
  readonly line?: number;
  readonly field?: string;
  readonly message: string;
}

/** `file:line: field: message`, the form editors and terminals link to. */
export function formatIssue(issue: InputIssue): string {
  const where = issue.line === undefined ? issue.file : `${issue.file}:${issue.line}`;
  return issue.field === undefined ? `${where}: ${issue.message}` : `${where}: ${issue.field}: ${issue.message}`;
}

/** A warning about tolerated oddities: how many lines, and the first one, so users can look. */
export interface InputWarning {
  readonly file: string;
  readonly message: string;
  readonly count: number;
  readonly firstLine?: number;
}

export function formatWarning(w: InputWarning): string {
  const at = w.firstLine === undefined ? '' : ` (first at line ${w.firstLine})`;
  return `${w.file}: warning: ${w.message}${w.count > 1 ? ` [${w.count} lines]` : ''}${at}`;
}

/** Counts one kind of warning across a file without keeping every line. */
export class WarningTally {
  private readonly counts = new Map<string, { count: number; firstLine: number | undefined }>();

  constructor(private readonly file: string) {}

  add(message: string, line?: number): void {
    const entry = this.counts.get(message);
    if (entry === undefined) this.counts.set(message, { count: 1, firstLine: line });
    else entry.count++;
  }

  list(): InputWarning[] {
    return [...this.counts].map(([message, { count, firstLine }]) =>
      firstLine === undefined ? { file: this.file, message, count } : { file: this.file, message, count, firstLine },
    );
  }
}
