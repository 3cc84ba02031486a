import { afterAll, beforeAll, expect, test } from 'vitest';
import { startTempLedger, type TempLedger } from './ledgerFixture';
import { openSocket, parseAnswer } from './rawHttp';

let ledger: TempLedger;
beforeAll(async () => {
  ledger = await startTempLedger();
});
afterAll(() => ledger?.close());

const FIVE_MB = 5 * 1024 * 1024;

/**
 * A client that sends all 5 MB whatever the server says, as curl does, and
 * only then reads the answer: a server that closes with the body unread
 * resets the connection, and the reset wipes the answer out.
 */
async function sendHuge(head: string, chunk: (bytes: Buffer) => Buffer, tail = '') {
  const socket = await openSocket(ledger.server.url);
  let text = '';
  let error: string | null = null;
  socket.pause();
  socket.on('error', (e: NodeJS.ErrnoException) => (error = e.code ?? e.message));
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  socket.write(head);
  const piece = Buffer.alloc(64 * 1024, 'a');
  for (let sent = 0; sent < FIVE_MB && !socket.destroyed && !error; sent += piece.length) {
    if (!socket.write(chunk(piece))) await new Promise((resolve) => (socket.once('drain', resolve), socket.once('close', resolve)));
  }
  if (!socket.destroyed) socket.end(tail);
  socket.on('data', (data) => (text += data.toString('utf8')));
  socket.resume();
  await closed;
  return { answer: parseAnswer(text), error };
}

test('a 5 MB body with Content-Length gets a 413 answer the client can read', async () => {
  const head = `POST /api/consent/receipts HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: ${FIVE_MB}\r\n\r\n`;
  const { answer, error } = await sendHuge(head, (piece) => piece);
  expect(answer?.status).toBe(413);
  expect(error).toBeNull();
  expect(answer?.headers.connection).toBe('close');
  expect(JSON.parse(answer!.body)).toMatchObject({ error: 'payload_too_large' });
});

test('a 5 MB chunked body gets a 413 answer the client can read', async () => {
  const head = `POST /api/consent/receipts HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n`;
  const { answer } = await sendHuge(head, (piece) => Buffer.concat([Buffer.from(piece.length.toString(16) + '\r\n'), piece, Buffer.from('\r\n')]), '0\r\n\r\n');
  expect(answer?.status).toBe(413);
  expect(JSON.parse(answer!.body)).toMatchObject({ error: 'payload_too_large' });
});

test('the ledger keeps answering after oversized bodies', async () => {
  expect((await fetch(ledger.at('/subjects/V1StGXR8_Z5jdHi6B-myT'))).status).toBe(404);
});
