import type { IncomingMessage } from 'node:http';

/**
 * Reads and discards the rest of a request body that was refused unread (413,
 * 415, 403…), so the answer reaches the client. Closing a connection while
 * the client's bytes still arrive makes the kernel send a reset, and a reset
 * wipes the answer out of the client's buffers: it sees "connection reset"
 * instead of the 413. True once the body is fully read; false as soon as more
 * than `maxBytes` arrive (or the connection fails): then the connection must
 * be closed rather than kept alive. The request timeout bounds the time spent.
 */
export function drainBody(req: IncomingMessage, maxBytes: number): Promise<boolean> {
  if (req.complete) return Promise.resolve(true);
  const declared = Number(req.headers['content-length']);
  if (declared > maxBytes) return Promise.resolve(false);
  return new Promise((resolve) => {
    let seen = 0;
    const finish = (drained: boolean) => {
      req.removeListener('data', count);
      req.pause();
      resolve(drained);
    };
    const count = (chunk: Buffer) => {
      seen += chunk.byteLength;
      if (seen > maxBytes) finish(false);
    };
    req.removeAllListeners('data');
    req.on('data', count);
    req.once('end', () => finish(true));
    req.once('close', () => finish(req.complete));
    req.resume();
  });
}
