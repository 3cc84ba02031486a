import type { SqliteStore } from './createSqliteStore';
import type { AppendOptions, AppendResult, LedgerEntry, LedgerStore } from './types';

export interface CoalesceOptions {
  /** Most receipts committed in one transaction; the rest wait for the next turn of the event loop. @default 5000 */
  maxEntries?: number;
}

interface Job {
  entries: readonly LedgerEntry[];
  options: AppendOptions;
  resolve(result: AppendResult): void;
  reject(error: unknown): void;
}

/**
 * Group commit for the SQLite store. With `synchronous=FULL` each commit waits
 * for the disk, and better-sqlite3 waits on the event loop's thread: one
 * transaction per POST made 64 concurrent clients queue behind 64 syncs (and
 * the WAL checkpoints they trigger). Here the appends that arrive during one
 * turn of the event loop are committed together, each in its own savepoint
 * (one failing append rolls back alone), and every POST is answered only
 * after the shared commit: a 2xx still means on disk. Erasure and
 * close first commit what is queued. Other methods of the store pass through.
 */
export function coalesceAppends(store: SqliteStore, options: CoalesceOptions = {}): LedgerStore {
  const maxEntries = options.maxEntries ?? 5000;
  let queue: Job[] = [];
  let scheduled = false;

  const commitAll = store.db.transaction((jobs: Job[]) =>
    jobs.map((job) => {
      try {
        return { result: store.append(job.entries, job.options) };
      } catch (error) {
        return { error };
      }
    }),
  );

  function flush(): void {
    scheduled = false;
    let count = 0;
    let take = 0;
    while (take < queue.length && (take === 0 || count + queue[take]!.entries.length <= maxEntries)) count += queue[take++]!.entries.length;
    const jobs = queue.slice(0, take);
    queue = queue.slice(take);
    if (queue.length) schedule();
    let outcomes: ({ result: AppendResult } | { error: unknown })[];
    try {
      // IMMEDIATE: the write lock before any chain head is read, as the store's own append does.
      outcomes = commitAll.immediate(jobs);
    } catch (error) {
      for (const job of jobs) job.reject(error);
      return;
    }
    outcomes.forEach((outcome, i) => {
      if ('result' in outcome) jobs[i]!.resolve(outcome.result);
      else jobs[i]!.reject(outcome.error);
    });
  }

  function schedule(): void {
    if (scheduled) return;
    scheduled = true;
    setImmediate(flush);
  }

  const flushNow = () => {
    while (queue.length) flush();
  };

  const proof = store.proof;
  return {
    ...store,
    // A checkpoint covers what was queued before it: flushed first, so no receipt answered earlier is left out.
    ...(proof ? { proof: { ...proof, checkpoint: (at: string) => (flushNow(), proof.checkpoint(at)) } } : {}),
    append: (entries: readonly LedgerEntry[], options: AppendOptions) =>
      new Promise<AppendResult>((resolve, reject) => {
        queue.push({ entries, options, resolve, reject });
        schedule();
      }),
    erase(subject: string, erasedAt: string) {
      flushNow();
      return store.erase(subject, erasedAt);
    },
    close() {
      flushNow();
      return store.close();
    },
  };
}
