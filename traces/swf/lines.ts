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
 * Like `forEachLine`, but hands each line as a byte range of a buffer (`buf[start..end)`, without
 * the line break or a final CR), so a reader can parse numbers without making a string per line.
 * The buffer is only valid during the call. Lines are split at LF bytes, which never occur inside
 * a multi-byte UTF-8 character, so `buf.toString('utf8', start, end)` is the line `forEachLine`
 * would give.
 */
export async function forEachLineBytes(file: string, onLine: (buf: Buffer, start: number, end: number, lineNo: number) => boolean): Promise<void> {
  const raw = createReadStream(file, { highWaterMark: 1 << 20 });
  const input = file.endsWith('.gz') ? raw.pipe(createGunzip({ chunkSize: 1 << 20 })) : raw;
  if (input !== raw) raw.on('error', (e) => input.destroy(e));
  let rest: Buffer | undefined;
  let lineNo = 0;
  for await (const chunk of input as AsyncIterable<Buffer>) {
    const buf = rest === undefined ? chunk : Buffer.concat([rest, chunk]);
    let from = 0;
    for (;;) {
      const nl = buf.indexOf(10, from);
      if (nl < 0) break;
      lineNo++;
      const end = nl > from && buf[nl - 1] === 13 ? nl - 1 : nl;
      if (!onLine(buf, from, end, lineNo)) {
        input.destroy();
        return;
      }
      from = nl + 1;
    }
    // Copy the partial line: the stream may reuse its chunk's memory.
    rest = from < buf.length ? Buffer.from(buf.subarray(from)) : undefined;
  }
  if (rest !== undefined) onLine(rest, 0, rest[rest.length - 1] === 13 ? rest.length - 1 : rest.length, lineNo + 1);
}
