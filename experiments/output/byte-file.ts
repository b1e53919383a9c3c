import { closeSync, openSync, writeSync } from 'node:fs';

/**
 * 64 KiB: 16 writes per MiB written, and the first flush comes while a writer's code is still
 * cold, so its optimized code already knows the flush (with 1 MiB the first flush came after
 * ~10,000 rows and threw the optimized row loop away).
 */
const SIZE = 1 << 16;

/**
 * A file written through a 64 KiB byte buffer: a million rows never become one string, the file
 * is written in large pieces, and text does not pile up on the JavaScript heap between
 * writes (where every garbage collection would copy it again).
 *
 * Besides UTF-8 text, row writers store bytes straight into its buffer (row-bytes.ts): a row of
 * integers and short ASCII fields costs no string at all.
 */
export class ChunkedFile {
  private readonly fd: number;
  /**
   * The byte buffer. A row writer may store bytes into it directly: `room(n)` first, then bytes
   * from `used` on, then move `used` past them (row-bytes.ts has helpers).
   */
  readonly buffer = Buffer.allocUnsafe(SIZE);
  used = 0;

  constructor(path: string) {
    this.fd = openSync(path, 'w');
  }

  /** Appends `text` as UTF-8 (callers add their own line breaks). */
  write(text: string): void {
    // A UTF-16 unit takes at most 3 bytes in UTF-8 (a surrogate pair, 2 units, takes 4).
    if (!this.room(3 * text.length)) {
      writeSync(this.fd, text);
      return;
    }
    const buffer = this.buffer;
    let used = this.used;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c >= 0x80) {
        this.used += buffer.write(text, this.used, 'utf8'); // not ASCII: let Node encode it all
        return;
      }
      buffer[used++] = c;
    }
    this.used = used;
  }

  /** Appends the bytes `bytes[start..end)` (for rows too long for the buffer). */
  writeBytes(bytes: Uint8Array, start: number, end: number): void {
    if (this.room(end - start)) {
      this.buffer.set(bytes.subarray(start, end), this.used);
      this.used += end - start;
      return;
    }
    let done = start;
    while (done < end) done += writeSync(this.fd, bytes, done, end - done);
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }

  /** Makes room for `bytes` more (flushing if needed); false if they can never fit the buffer. */
  room(bytes: number): boolean {
    if (this.used + bytes <= SIZE) return true;
    this.flush();
    return bytes <= SIZE;
  }

  private flush(): void {
    let done = 0;
    while (done < this.used) done += writeSync(this.fd, this.buffer, done, this.used - done);
    this.used = 0;
  }
}
