/** An error reply from Redis (`-ERR …`), as the command that caused it sees it. */
export class RedisReplyError extends Error {}

/**
 * A bulk reply's destination: its first `head.length` bytes (a chunk's write
 * id) copied to `head`, the rest to `dest` at `at`, when it has exactly that
 * many and `length` more.
 */
export interface BulkTarget {
  head?: Uint8Array;
  dest: Uint8Array;
  at: number;
  length: number;
}

/** What the parser asks of, and tells, the connection it reads for. */
export interface ReplySink {
  /** Where the bulk reply now starting goes, when the command waiting for it gave a place: undefined to skip its bytes. */
  targetOf(): BulkTarget | undefined;
  /** A whole reply: an integer, a bulk reply's length (null: nil), 0 for a status reply, or the error Redis sent. */
  reply(value: number | null | RedisReplyError): void;
  /** Bytes that are not RESP2: the connection cannot be trusted any further. */
  broken(reason: string): void;
}

/** A reply line longer than this is not one of the replies the chunk connection asks for. */
const MAX_LINE = 64 * 1024;

/**
 * A RESP2 reader for the few replies the chunk connection gets (ChunkChannel):
 * integers, statuses, errors and bulk strings, whose bytes it copies straight
 * from the socket's receive buffer into their destination (or skips). It
 * keeps nothing of the buffer it is given, so one receive buffer serves every
 * read: no memory allocated per reply, none for the garbage collector.
 */
export class ReplyParser {
  private line = '';
  /** Bytes of the bulk reply still to come, and then its CRLF; -1 between replies. */
  private remaining = -1;
  private bulkLength = 0;
  private target: BulkTarget | undefined;
  private written = 0;
  private failed = false;

  constructor(private readonly sink: ReplySink) {}

  /** The next `count` bytes of `buffer`, as they came off the socket. */
  feed(buffer: Uint8Array, count: number): void {
    let i = 0;
    while (i < count && !this.failed) {
      if (this.remaining >= 0) {
        i = this.body(buffer, i, count);
        continue;
      }
      const newline = buffer.indexOf(10, i);
      const end = newline < 0 || newline >= count ? count : newline + 1;
      this.line += Buffer.from(buffer.buffer, buffer.byteOffset + i, end - i).toString('latin1');
      i = end;
      if (this.line.length > MAX_LINE) return this.fail(`a reply line of over ${MAX_LINE} bytes`);
      if (this.line.endsWith('\r\n')) this.header(this.line.slice(0, -2));
    }
  }

  private header(line: string): void {
    this.line = '';
    const kind = line[0];
    const rest = line.slice(1);
    if (kind === '-') return this.sink.reply(new RedisReplyError(rest));
    if (kind === '+') return this.sink.reply(0);
    const n = /^-?\d+$/.test(rest) ? Number(rest) : NaN;
    if (kind === ':' && Number.isSafeInteger(n)) return this.sink.reply(n);
    if (kind === '$' && n === -1) return this.sink.reply(null);
    if (kind === '$' && Number.isSafeInteger(n) && n >= 0) {
      this.bulkLength = n;
      this.remaining = n + 2;
      const target = this.sink.targetOf();
      this.target = target && (target.head?.length ?? 0) + target.length === n ? target : undefined;
      this.written = 0;
      if (n === 0) this.remaining = 2;
      return;
    }
    this.fail(`an unexpected reply ${JSON.stringify(line.slice(0, 40))}`);
  }

  /** Copies (or skips) what this buffer holds of the current bulk reply, checks its closing CRLF; returns where the rest of the buffer starts. */
  private body(buffer: Uint8Array, i: number, count: number): number {
    const data = Math.min(Math.max(0, this.remaining - 2), count - i);
    if (this.target && data > 0) {
      const { head, dest, at } = this.target;
      const headBytes = head?.length ?? 0;
      let from = i;
      if (this.written < headBytes) {
        const n = Math.min(headBytes - this.written, data);
        head!.set(buffer.subarray(from, from + n), this.written);
        from += n;
        this.written += n;
      }
      if (from < i + data) {
        dest.set(buffer.subarray(from, i + data), at + this.written - headBytes);
        this.written += i + data - from;
      }
    }
    this.remaining -= data;
    i += data;
    while (this.remaining > 0 && this.remaining <= 2 && i < count) {
      if (buffer[i] !== (this.remaining === 2 ? 13 : 10)) {
        this.fail(`a bulk reply of ${this.bulkLength} bytes not closed by CRLF`);
        return count;
      }
      this.remaining--;
      i++;
    }
    if (this.remaining === 0) {
      this.remaining = -1;
      this.target = undefined;
      this.sink.reply(this.bulkLength);
    }
    return i;
  }

  private fail(reason: string): void {
    this.failed = true;
    this.sink.broken(reason);
  }
}
