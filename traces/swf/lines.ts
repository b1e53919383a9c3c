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

/**
 * Like `forEachLine`, but hands whole lines as bytes: `onLines(buf, start, end)` gets
 * `buf[start..end)`, which ends just after a LF (or at the end of the file, for a last line
 * without one), so a reader can split and parse lines itself without making a string per line.
 * The buffer is only valid during the call. Lines are split at LF bytes, which never occur inside
 * a multi-byte UTF-8 character. `onLines` returns false to stop early.
 */
export async function forEachLineChunk(file: string, onLines: (buf: Buffer, start: number, end: number) => boolean): Promise<void> {
  const raw = createReadStream(file, { highWaterMark: 1 << 20 });
  const input = file.endsWith('.gz') ? raw.pipe(createGunzip({ chunkSize: 1 << 20 })) : raw;
  if (input !== raw) raw.on('error', (e) => input.destroy(e));
  let rest: Buffer | undefined;
  for await (const chunk of input as AsyncIterable<Buffer>) {
    const buf = rest === undefined ? chunk : Buffer.concat([rest, chunk]);
    const end = buf.lastIndexOf(10) + 1;
    if (end > 0 && !onLines(buf, 0, end)) {
      input.destroy();
      return;
    }
    // Copy the partial line: the stream may reuse its chunk's memory.
    rest = end < buf.length ? Buffer.from(buf.subarray(end)) : undefined;
  }
  if (rest !== undefined) onLines(rest, 0, rest.length);
}
