import type { Server } from 'node:http';
import type { Socket } from 'node:net';

/**
 * At most `max` open connections. Over it, the oldest idle connection (no
 * request being answered: between keep-alive requests, or still sending
 * headers) is closed to make room, so idle or slow sockets cannot lock
 * visitors out; only when every connection is busy is the newcomer refused.
 * Node's own `server.maxConnections` refuses the newcomer instead, which lets
 * 1,000 idle sockets shut the ledger.
 */
export function capConnections(server: Server, max: number): void {
  // A Set iterates in insertion order: oldest first.
  const open = new Set<Socket>();
  const busy = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    open.add(socket);
    socket.once('close', () => {
      open.delete(socket);
      busy.delete(socket);
    });
    if (open.size <= max) return;
    for (const candidate of open) {
      if (candidate !== socket && !busy.has(candidate)) return void candidate.destroy();
    }
    socket.destroy();
  });
  server.on('request', (req, res) => {
    busy.add(req.socket);
    res.once('close', () => busy.delete(req.socket));
  });
}
