import { makeReceipt, NOW } from './ledgerFixture';

export interface BadRequest {
  label: string;
  body: Uint8Array | string | ReadableStream<Uint8Array>;
  /** null: send no content-type at all. */
  contentType: string | null;
}

/** A small seeded generator (mulberry32), so the 1,000 bodies are the same on every run. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WRONG_VALUES: unknown[] = [null, 0, -1, 1.5, true, false, '', '!x', [], {}, [1], { a: 1 }, '#'.repeat(22), '\u0000', '😀'.repeat(11)];
const FIELDS = ['id', 'subject', 'timestamp', 'action', 'source', 'categories', 'policy', 'language', 'previous', 'shownHash', 'gpc', 'reason'];
const POLLUTION = ['__proto__', 'constructor', 'prototype'];
const CONTENT_TYPES = ['text/html', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', 'application/json; charset=latin1', 'image/png', 'application/jsonx', 'text/plain; charset=utf-16'];

const json = (receipts: unknown[]) => JSON.stringify({ receipts });
const deep = (depth: number, leaf: string) => '['.repeat(depth) + leaf + ']'.repeat(depth);

/** Every kind of bad request the ledger must answer with a 4xx, `count` of them in all. */
export function badRequests(count: number, seed = 42): BadRequest[] {
  const rnd = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)] as T;
  const receipt = () => makeReceipt() as unknown as Record<string, unknown>;
  const jsonOf = (body: string): BadRequest => ({ label: body.slice(0, 60), body, contentType: 'application/json' });
  const generators: (() => BadRequest)[] = [
    // A field of the wrong type or shape.
    () => {
      const field = pick(FIELDS);
      // null is a valid `previous` and booleans a valid `gpc`: leave those out for them.
      const value = pick(WRONG_VALUES.filter((v) => !(field === 'previous' && v === null) && !(field === 'gpc' && typeof v === 'boolean')));
      return { ...jsonOf(json([{ ...receipt(), [field]: value }])), label: `${field}: ${JSON.stringify(value)}` };
    },
    // A required field missing.
    () => {
      const r = receipt();
      delete r[pick(FIELDS.slice(0, 11))];
      return jsonOf(json([r]));
    },
    // Huge strings, still under 64 KB.
    () => jsonOf(json([{ ...receipt(), [pick(FIELDS)]: 'x'.repeat(1000 + Math.floor(rnd() * 50_000)) }])),
    () => jsonOf(json([{ ...receipt(), categories: { necessary: true, preferences: false, analytics: false, marketing: false, ['c'.repeat(40)]: true } }])),
    // Deep nesting, in the envelope or inside an extra field.
    () => jsonOf(`{"receipts":${deep(9 + Math.floor(rnd() * 20_000), '1')}}`),
    () => jsonOf(json([{ ...receipt(), extra: JSON.parse(deep(9 + Math.floor(rnd() * 50), '0')) }])),
    // Invalid UTF-8 inside an otherwise valid body.
    () => {
      const text = json([receipt()]);
      const at = text.indexOf('"fr"') + 2;
      const bytes = Buffer.concat([Buffer.from(text.slice(0, at)), Buffer.from(pick([[0xff], [0xc3, 0x28], [0xe2, 0x82], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80]])), Buffer.from(text.slice(at))]);
      return { label: 'invalid UTF-8', body: new Uint8Array(bytes), contentType: pick(['application/json', 'text/plain']) };
    },
    // Prototype-pollution keys at any level.
    () => {
      const key = pick(POLLUTION);
      const where = pick(['envelope', 'receipt', 'categories', 'policy']);
      const r = receipt();
      const inject = (obj: string) => obj.replace(/^\{/, `{"${key}":{"polluted":true},`);
      if (where === 'envelope') return jsonOf(inject(json([r])));
      if (where === 'receipt') return jsonOf(`{"receipts":[${inject(JSON.stringify(r))}]}`);
      return jsonOf(json([{ ...r, [where]: JSON.parse(inject(JSON.stringify(r[where]))) }]));
    },
    // Wrong or missing content types.
    () => ({ label: 'content type', body: json([receipt()]), contentType: pick(CONTENT_TYPES) }),
    () => ({ label: 'no content type', body: new TextEncoder().encode(json([receipt()])), contentType: null }),
    // Oversized, declared or streamed without a length.
    () => ({ label: 'oversized', body: json([{ ...receipt(), note: 'x'.repeat(70_000) }]), contentType: 'application/json' }),
    () => {
      const chunk = new TextEncoder().encode('x'.repeat(16_384));
      let sent = 0;
      const stream = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (sent++ < 8) controller.enqueue(chunk);
          else controller.close();
        },
      });
      return { label: 'oversized stream', body: stream, contentType: 'application/json' };
    },
    // Not JSON, or not the right JSON.
    () => jsonOf(pick(['', '{', '{"receipts":[', 'null', '[]', '42', '"receipts"', '{"receipts":{}}', '{"receipts":[]}', "{'receipts':[]}", json([receipt()]) + 'x', '{"receipts":[1,2]}'])),
    () => jsonOf(json(Array.from({ length: 101 }, () => makeReceipt()))),
    // Values that are well typed but not valid receipts.
    () => {
      const r = receipt();
      const bad = pick<[string, unknown]>([
        ['id', 'V1StGXR8_Z5jdHi6B-my!'],
        ['id', 'short'],
        ['subject', 'S'.repeat(20)],
        // A far-off instant is stored, flagged; only a malformed one is refused.
        ['timestamp', new Date(NOW).toISOString().replace('Z', '+00:00')],
        ['timestamp', '2026-11-29T16:00:00+01:00'],
        ['timestamp', '2026-02-30T10:00:00.000Z'],
        ['timestamp', '+020000-01-01T00:00:00.000Z'],
        ['action', 'accept'],
        ['source', 'email'],
        ['categories', { necessary: false, preferences: true, analytics: true, marketing: true }],
        ['categories', { necessary: true, analytics: true, marketing: true }],
        ['categories', { necessary: true, preferences: 'yes', analytics: true, marketing: true }],
        ['categories', { necessary: true, preferences: true, analytics: true, marketing: true, Support: true }],
        ['policy', { version: '2018-05-24' }],
        ['policy', { version: '2018-05-24', url: null, extra: 1 }],
        ['language', 'français'],
        ['previous', ''],
        ['shownHash', '<script>'],
        ['reason', 'because'],
      ]);
      return jsonOf(json([{ ...r, [bad[0]]: bad[1] }]));
    },
    () => jsonOf(json([Object.fromEntries([...Object.entries(receipt()), ...Array.from({ length: 9 }, (_, i) => [`extra${i}`, i])])])),
  ];
  return Array.from({ length: count }, (_, i) => (generators[i % generators.length] as () => BadRequest)());
}
