import { accessSync, constants } from 'node:fs';
import { dirname } from 'node:path';

/** The ledger could not start; `message` is one line for an operator: what, which path or port, what to do. */
export class LedgerStartError extends Error {
  override name = 'LedgerStartError';
}

const writable = (path: string) => {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
};

/** Why the SQLite file at `path` could not be opened, and what to do about it. */
export function databaseStartError(path: string, error: unknown): LedgerStartError {
  const code = String((error as { code?: unknown })?.code ?? '');
  const folder = dirname(path);
  const detail = error instanceof Error ? error.message : String(error);
  let message: string;
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
    message = `cannot create the folder of the database ${path} (${detail}); choose a --db in a folder this user can write`;
  } else if (code.startsWith('SQLITE_READONLY') || (code.startsWith('SQLITE_CANTOPEN') && !writable(folder))) {
    message = writable(folder)
      ? `the database ${path} is read-only for this user; make it writable, or choose another --db`
      : `cannot write the database ${path}: its folder ${folder} is not writable by this user (SQLite also writes ${path}-wal and -shm beside it); fix the folder's permissions or choose another --db`;
  } else if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
    message = `${path} is not a SQLite database (${detail}); point --db at the ledger's file, or at a new path to start one`;
  } else {
    message = `cannot open the database ${path} (${detail}); check that the path is a regular file on a writable disk, or choose another --db`;
  }
  return new LedgerStartError(message, { cause: error });
}

/** Why the server could not listen on host:port, and what to do about it. */
export function listenStartError(host: string, port: number, error: unknown): LedgerStartError {
  const code = String((error as { code?: unknown })?.code ?? '');
  const where = `${host}:${port}`;
  const message =
    code === 'EADDRINUSE'
      ? `${where} is already in use; stop the other server or choose another --port`
      : code === 'EACCES'
        ? `no permission to listen on ${where} (ports below 1024 need privileges); choose a --port above 1023 and let a reverse proxy serve 80/443`
        : code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND'
          ? `${host} is not an address of this machine; choose another --host (127.0.0.1, or 0.0.0.0 for every interface)`
          : `cannot listen on ${where} (${error instanceof Error ? error.message : String(error)}); choose another --host or --port`;
  return new LedgerStartError(message, { cause: error });
}
