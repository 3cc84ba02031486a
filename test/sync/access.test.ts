// Against a real HTTP server on 127.0.0.1 and Node's real fetch: no mocked network.
import { afterEach, expect, test } from 'vitest';
import type { RecordedRequest } from '../helpers/testServer';
import { listen } from './ledger';
import { loadPage, newBrowser } from './helpers';

const servers: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

test('access() follows `next` through every page and returns one object with all receipts and ledger entries', async () => {
  const requests: string[] = [];
  let subject = '';
  const decision = { subject: 'set below', categories: { necessary: true }, policyVersion: '1' };
  // Opaque cursors, with characters a query string must escape.
  const pages: Record<string, { receipts: unknown[]; ledger: unknown[]; next: string | null }> = {
    '': { receipts: [{ id: 'r1' }, { id: 'r2' }], ledger: [{ id: 'r1', receivedAt: 't1', hash: 'h1' }, { id: 'r2', receivedAt: 't2', hash: 'h2' }], next: 'c/2+=' },
    'c/2+=': { receipts: [{ id: 'r3' }], ledger: [{ id: 'r3', receivedAt: 't3', hash: 'h3' }], next: 'c&3' },
    'c&3': { receipts: [{ id: 'r4' }], ledger: [{ id: 'r4', receivedAt: 't4', hash: 'h4' }], next: null },
  };
  const server = await listen(0, (request: RecordedRequest, response) => {
    requests.push(`${request.method} ${request.path}`);
    const url = new URL(request.path, 'http://ledger');
    response.writeHead(request.method === 'GET' ? 200 : 201, { 'content-type': 'application/json' });
    if (request.method !== 'GET') return void response.end('{}');
    const page = pages[url.searchParams.get('cursor') ?? ''];
    response.end(JSON.stringify({ subject, decision: { ...decision, subject }, ...page }));
  });
  servers.push(server);
  const { core, sync } = loadPage(newBrowser(), `http://127.0.0.1:${server.port}/api/consent`);
  subject = core.acceptAll().subject;

  expect(await sync.access()).toEqual({
    subject,
    decision: { ...decision, subject },
    receipts: [{ id: 'r1' }, { id: 'r2' }, { id: 'r3' }, { id: 'r4' }],
    ledger: ['1', '2', '3', '4'].map((n) => ({ id: 'r' + n, receivedAt: 't' + n, hash: 'h' + n })),
    notices: {},
  });
  expect(requests).toEqual([
    'POST /api/consent/receipts',
    `GET /api/consent/subjects/${subject}`,
    `GET /api/consent/subjects/${subject}?cursor=c%2F2%2B%3D`,
    `GET /api/consent/subjects/${subject}?cursor=c%263`,
  ]);
  sync.destroy();
});

test('a page that fails, or a cursor that comes back, makes access() resolve null with an error event', async () => {
  let answer: 'loop' | 'fail' = 'loop';
  const server = await listen(0, (request: RecordedRequest, response) => {
    const cursor = new URL(request.path, 'http://ledger').searchParams.get('cursor');
    if (request.method === 'GET' && cursor !== null && answer === 'fail') {
      response.writeHead(503);
      return void response.end();
    }
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ subject: 's', decision: null, receipts: [], ledger: [], next: 'same' }));
  });
  servers.push(server);
  const { core, sync, events } = loadPage(newBrowser(), `http://127.0.0.1:${server.port}/api/consent`);
  core.acceptAll();
  expect(await sync.access()).toBeNull();
  answer = 'fail';
  expect(await sync.access()).toBeNull();
  expect(events.filter((e) => 'error' in e).map((e) => 'error' in e && e.error.code)).toEqual(['access', 'access']);
  sync.destroy();
});
