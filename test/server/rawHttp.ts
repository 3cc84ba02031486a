import { connect, type Socket } from 'node:net';

export interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Opens a TCP connection to a ledger URL (http://host:port). */
export function openSocket(url: string): Promise<Socket> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: hostname, port: Number(port) }, () => resolve(socket));
    socket.once('error', reject);
  });
}

/** Parses one HTTP/1.1 answer (Content-Length bodies, as the ledger sends). */
export function parseAnswer(text: string): RawAnswer | null {
  const end = text.indexOf('\r\n\r\n');
  if (end < 0) return null;
  const [statusLine = '', ...lines] = text.slice(0, end).split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    const name = line.slice(0, colon).trim().toLowerCase();
    headers[name] = headers[name] === undefined ? line.slice(colon + 1).trim() : `${headers[name]}, ${line.slice(colon + 1).trim()}`;
  }
  const length = Number(headers['content-length'] ?? 0);
  const body = text.slice(end + 4);
  if (Buffer.byteLength(body) < length) return null;
  return { status: Number(statusLine.split(' ')[1]), headers, body };
}

/**
 * Sends bytes exactly as given (no client library to normalise the target or
 * the Host header) and resolves with the first answer.
 */
export async function rawRequest(url: string, raw: string): Promise<RawAnswer> {
  const socket = await openSocket(url);
  return new Promise((resolve, reject) => {
    let text = '';
    socket.on('data', (chunk) => {
      text += chunk.toString('utf8');
      const answer = parseAnswer(text);
      if (answer) {
        socket.destroy();
        resolve(answer);
      }
    });
    socket.once('error', reject);
    socket.once('close', () => reject(new Error(`closed without a full answer: ${JSON.stringify(text)}`)));
    socket.write(raw);
  });
}

/** A POST of `body` as raw HTTP/1.1 text. */
export function rawPost(target: string, body: string, headers: Record<string, string>): string {
  const lines = Object.entries({ 'content-type': 'text/plain', 'content-length': String(Buffer.byteLength(body)), connection: 'close', ...headers }).map(([k, v]) => `${k}: ${v}`);
  return `POST ${target} HTTP/1.1\r\n${lines.join('\r\n')}\r\n\r\n${body}`;
}
