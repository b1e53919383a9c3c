import { closeSync, openSync, writeSync } from 'node:fs';

const SIZE = 1 << 20;
/** Room for any number's text (`String` of a double is at most 24 characters). */
const NUMBER_ROOM = 32;

/**
 * A file written through a 1 MiB byte buffer: a million rows never become one string, the file
 * is written in a few hundred calls, and text does not pile up on the JavaScript heap between
 * writes (where every garbage collection would copy it again).
 *
 * Besides UTF-8 text, it writes numbers and ASCII text byte by byte into the buffer: a row of
 * integers and short ASCII fields costs no string at all. Every method writes exactly the bytes
 * `String(...)` / the UTF-8 encoding would.
 */
export class ChunkedFile {
  private readonly fd: number;
  private readonly buffer = Buffer.allocUnsafe(SIZE);
  private used = 0;

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

  /** Appends one byte (an ASCII character code). */
  byte(code: number): void {
    this.room(1);
    this.buffer[this.used++] = code;
  }

  /** Appends `String(n)`: digits written directly for integers up to 2^31, else the string. */
  number(n: number): void {
    this.room(NUMBER_ROOM);
    if (!(n >= 0 && n < 0x80000000 && (n | 0) === n)) {
      if (n < 0 && n > -0x80000000 && (n | 0) === n) {
        this.buffer[this.used++] = 45; // '-'
        this.digits(-n);
      } else {
        this.write(String(n));
      }
      return;
    }
    this.digits(n);
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }

  /** Decimal digits of an integer in [0, 2^31). */
  private digits(n: number): void {
    const buffer = this.buffer;
    let length = 1;
    for (let m = n; m >= 10; m = (m / 10) | 0) length++;
    let at = this.used + length;
    this.used = at;
    do {
      const q = (n / 10) | 0;
      buffer[--at] = 48 + n - 10 * q;
      n = q;
    } while (n > 0);
  }

  /** Makes room for `bytes` more (flushing if needed); false if they can never fit the buffer. */
  private room(bytes: number): boolean {
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
