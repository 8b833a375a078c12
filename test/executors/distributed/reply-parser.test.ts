import { RedisReplyError, ReplyParser, type BulkTarget } from '../../../runtime/executors/distributed/reply-parser';

// The chunk connection's RESP2 reader: replies split anywhere across socket reads, bulk bytes copied straight into place.

function parserFor(targets: (BulkTarget | undefined)[]) {
  const replies: (number | null | string)[] = [];
  const broken: string[] = [];
  const parser = new ReplyParser({
    targetOf: () => targets.shift(),
    reply: (value) => replies.push(value instanceof RedisReplyError ? `error: ${value.message}` : value),
    broken: (reason) => broken.push(reason),
  });
  return { parser, replies, broken };
}

/** Feeds the bytes in pieces of `size`, through one reused buffer (as the socket does), scribbled over between reads. */
function feedInPieces(parser: ReplyParser, bytes: Buffer, size: number): void {
  const reused = Buffer.alloc(size + 7);
  for (let i = 0; i < bytes.length; i += size) {
    const n = bytes.copy(reused, 0, i, Math.min(i + size, bytes.length));
    parser.feed(reused, n);
    reused.fill(0xee);
  }
}

const bulk = (payload: Buffer) => Buffer.concat([Buffer.from(`$${payload.length}\r\n`), payload, Buffer.from('\r\n')]);

describe('reply parser', () => {
  test.each([1, 2, 3, 5, 64, 4096])('integers, statuses, nil, errors and bulk replies, fed %i bytes at a time', (size) => {
    const payload = Buffer.from(Array.from({ length: 300 }, (_, i) => (i * 7) % 256));
    const dest = new Uint8Array(310);
    const { parser, replies, broken } = parserFor([{ dest, at: 5, length: 300 }]);
    const stream = Buffer.concat([Buffer.from(':42\r\n+OK\r\n$-1\r\n-ERR no such key\r\n:0\r\n'), bulk(payload), Buffer.from(':-3\r\n')]);
    feedInPieces(parser, stream, size);
    expect(replies).toEqual([42, 0, null, 'error: ERR no such key', 0, 300, -3]);
    expect(broken).toEqual([]);
    expect(Buffer.from(dest.subarray(5, 305))).toEqual(payload);
    expect(dest[4]).toBe(0);
    expect(dest[305]).toBe(0);
  });

  test('a bulk reply of another length than its target expects is skipped, its length reported; an empty one is read', () => {
    const dest = new Uint8Array(8);
    const { parser, replies } = parserFor([{ dest, at: 0, length: 8 }, { dest, at: 0, length: 0 }, undefined]);
    const stream = Buffer.concat([bulk(Buffer.from('0123456789')), bulk(Buffer.alloc(0)), bulk(Buffer.from('abc')), Buffer.from(':1\r\n')]);
    feedInPieces(parser, stream, 4);
    expect(replies).toEqual([10, 0, 3, 1]);
    expect([...dest]).toEqual(new Array(8).fill(0));
  });

  test.each([1, 3, 8, 9, 4096])("a bulk reply with a head (a chunk's write id): its first bytes to the head, the rest into place, fed %i bytes at a time", (size) => {
    const head = new Uint8Array(8);
    const dest = new Uint8Array(40);
    const { parser, replies } = parserFor([{ head, dest, at: 4, length: 30 }, { head: new Uint8Array(8), dest, at: 0, length: 30 }]);
    const payload = Buffer.from(Array.from({ length: 38 }, (_, i) => i + 1));
    // The second reply is 30 bytes, not 8 + 30: skipped, head and all.
    feedInPieces(parser, Buffer.concat([bulk(payload), bulk(Buffer.alloc(30, 0xaa))]), size);
    expect(replies).toEqual([38, 30]);
    expect([...head]).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect([...dest.subarray(4, 34)]).toEqual(Array.from({ length: 30 }, (_, i) => i + 9));
    expect(dest[3]).toBe(0);
    expect(dest[34]).toBe(0);
  });

  test('bytes that are not one of its replies break the connection, and nothing after them is read', () => {
    const { parser, replies, broken } = parserFor([]);
    feedInPieces(parser, Buffer.from(':1\r\n*2\r\n:5\r\n'), 3);
    expect(replies).toEqual([1]);
    expect(broken).toEqual(['an unexpected reply "*2"']);

    const garbage = parserFor([]);
    feedInPieces(garbage.parser, Buffer.from('$abc\r\n'), 100);
    expect(garbage.broken).toEqual(['an unexpected reply "$abc"']);

    const unclosed = parserFor([]);
    feedInPieces(unclosed.parser, Buffer.from('$3\r\nabcX\n:1\r\n'), 2);
    expect(unclosed.replies).toEqual([]);
    expect(unclosed.broken).toEqual(['a bulk reply of 3 bytes not closed by CRLF']);

    const endless = parserFor([]);
    feedInPieces(endless.parser, Buffer.alloc(70 * 1024, 0x41), 8192);
    expect(endless.broken).toEqual(['a reply line of over 65536 bytes']);
  });
});
