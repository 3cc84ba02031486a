import type Database from 'better-sqlite3';

export interface SqlitePurger {
  /** True when nothing erased is left in the WAL: no purge pending. */
  readonly purged: boolean;
  /** Call after an erasure commits: checkpoints now, and keeps retrying on a timer until it succeeds. */
  erased(): boolean;
  /** Stops retrying (the caller then closes the connection, which checkpoints once more). */
  stop(): void;
}

export interface SqlitePurgerOptions {
  /** First retry delay, doubled up to maxDelayMs. @default 250 */
  firstDelayMs?: number;
  /** @default 10000 */
  maxDelayMs?: number;
  /** A checkpoint that failed with an error (a full disk), not merely blocked by a reader. @default console.error */
  onError?: (error: unknown) => void;
}

/**
 * After an erasure, the deleted rows' old page images still sit in the
 * write-ahead log, and in the database file until the zeroed pages reach it
 * (secure_delete zeroes them in the new images). A truncating checkpoint
 * copies the zeroed pages in and empties the log; a reader holding an older
 * snapshot (a backup, a concurrent verify) blocks it, and a full disk fails
 * it. So it is retried on a timer, needing no further request to finish.
 */
export function createSqlitePurger(db: Database.Database, options: SqlitePurgerOptions = {}): SqlitePurger {
  const firstDelayMs = options.firstDelayMs ?? 250;
  const maxDelayMs = options.maxDelayMs ?? 10_000;
  const onError = options.onError ?? ((error: unknown) => console.error('[consentkit-ledger] purge after erasure failed; retrying', error));
  let pending = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let delay = firstDelayMs;
  let reported = false;

  function checkpoint(): boolean {
    const busyTimeout = db.pragma('busy_timeout', { simple: true }) as number;
    // Waiting on a reader would block the event loop for the whole busy timeout: fail at once and retry later.
    db.pragma('busy_timeout = 0');
    try {
      const [result] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
      return result?.busy === 0;
    } catch (error) {
      // Busy is the expected case (another process writing or checkpointing): retried, not reported.
      const busy = /^SQLITE_(BUSY|LOCKED)/.test((error as { code?: string }).code ?? '');
      if (!busy && !reported) onError(error);
      reported ||= !busy;
      return false;
    } finally {
      db.pragma(`busy_timeout = ${busyTimeout}`);
    }
  }

  function attempt(): void {
    timer = undefined;
    if (!db.open) return;
    if (checkpoint()) {
      pending = false;
      delay = firstDelayMs;
      reported = false;
      return;
    }
    timer = setTimeout(attempt, delay);
    // The retries must not keep a process alive that is otherwise done; closing checkpoints anyway.
    timer.unref?.();
    delay = Math.min(delay * 2, maxDelayMs);
  }

  return {
    get purged() {
      return !pending;
    },
    erased() {
      pending = true;
      if (timer) {
        clearTimeout(timer);
        delay = firstDelayMs;
      }
      attempt();
      return !pending;
    },
    stop() {
      if (timer) clearTimeout(timer);
      timer = undefined;
    },
  };
}
