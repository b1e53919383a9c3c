import { readFile } from 'node:fs/promises';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { ConfigIssue, ConfigPath } from '../../core/config/index.js';
import type { InputIssue } from '../issue.js';

/**
 * A parsed YAML file that remembers where each value came from, so that a validation issue's
 * field path (`Partitions[1].nodes`) can be reported as `file:line: Partitions[1].nodes: ...`.
 */
export interface YamlFile {
  readonly file: string;
  /** The plain value (maps, lists, strings, numbers, booleans, null). */
  readonly value: unknown;
  /** The 1-based line of the deepest part of `path` present in the file. */
  lineOf(path: ConfigPath): number;
}

export type YamlResult = { readonly ok: true; readonly value: YamlFile } | { readonly ok: false; readonly issues: readonly InputIssue[] };

/** Reads and parses a YAML file; a missing file or a YAML syntax error is an issue with its line. */
export async function readYamlFile(file: string): Promise<YamlResult> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    return { ok: false, issues: [{ file, message: `cannot read: ${(e as Error).message}` }] };
  }
  return parseYamlText(file, text);
}

/**
 * Parses YAML text (YAML 1.2 core schema: `yes` stays a string, `2:00:00` stays a string). Every
 * syntax error is reported, including a key given twice in one map.
 */
export function parseYamlText(file: string, text: string): YamlResult {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      issues: doc.errors.map((e) => ({ file, line: e.linePos?.[0].line ?? lines.linePos(e.pos[0]).line, message: firstLine(e.message) })),
    };
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 1000 });
  } catch (e) {
    return { ok: false, issues: [{ file, message: `cannot read: ${(e as Error).message}` }] };
  }
  return { ok: true, value: { file, value, lineOf: (path) => lineOf(doc, lines, path) } };
}

function firstLine(message: string): string {
  const i = message.indexOf('\n');
  return i < 0 ? message : message.slice(0, i);
}

function lineOf(doc: Document, lines: LineCounter, path: ConfigPath): number {
  const at = (n: Node | null | undefined): number | undefined => (n?.range === undefined || n.range === null ? undefined : lines.linePos(n.range[0]).line);
  let node: unknown = doc.contents;
  let line = at(doc.contents as Node | null) ?? 1;
  for (const seg of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => (isScalar(p.key) ? String(p.key.value) : String(p.key)) === String(seg));
      if (pair === undefined) break;
      line = at(pair.key as Node) ?? at(pair.value as Node) ?? line;
      node = pair.value;
    } else if (isSeq(node) && typeof seg === 'number') {
      const item = node.items[seg];
      if (item === undefined) break;
      line = at(item as Node) ?? line;
      node = item;
    } else break;
  }
  return line;
}

/** Turns validation issues into `file:line: field: message` issues. */
export function locateIssues(yaml: YamlFile, issues: readonly ConfigIssue[]): InputIssue[] {
  return issues.map((i) => (i.path === '' ? { file: yaml.file, line: yaml.lineOf(i.segments), message: i.message } : { file: yaml.file, line: yaml.lineOf(i.segments), field: i.path, message: i.message }));
}
