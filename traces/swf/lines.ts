import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';

/**
 * Streams a text file's lines to `onLine` (1-based numbers, without the line break), reading
 * 1 MiB chunks; a `.gz` file is decompressed on the fly. Only the current chunk and one partial
 * line are in memory. `onLine` returns false to stop early.
 */
export async function forEachLine(file: string, onLine: (line: string, lineNo: number) => boolean): Promise<void> {
  const raw = createReadStream(file, { highWaterMark: 1 << 20 });
  const input = file.endsWith('.gz') ? raw.pipe(createGunzip()) : raw;
  if (input !== raw) raw.on('error', (e) => input.destroy(e));
  input.setEncoding('utf8');
  let rest = '';
  let lineNo = 0;
  for await (const chunk of input as AsyncIterable<string>) {
    const text = rest + chunk;
    let from = 0;
    for (;;) {
      const nl = text.indexOf('\n', from);
      if (nl < 0) break;
      lineNo++;
      const end = nl > from && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      if (!onLine(text.slice(from, end), lineNo)) {
        input.destroy();
        return;
      }
      from = nl + 1;
    }
    rest = text.slice(from);
  }
  if (rest.length > 0) onLine(rest.endsWith('\r') ? rest.slice(0, -1) : rest, lineNo + 1);
}
