import type { LedgerProof } from '../types';
import type { Checkpoint } from './checkpoint';

export interface CheckpointerOptions {
  /** Time between checks; a checkpoint is signed only when something changed. @default 60000 */
  intervalMs?: number;
  /** @default Date.now */
  clock?: () => number;
  /** A checkpoint that failed (the database down); the next tick tries again. @default console.error */
  onError?: (error: unknown) => void;
}

export interface Checkpointer {
  /** Signs a checkpoint now if anything changed since the last. */
  tick(): Promise<Checkpoint | null>;
  /** Stops the timer and signs a last checkpoint (clean shutdown). */
  close(): Promise<Checkpoint | null>;
}

/**
 * Keeps the checkpoint log current: one at start (covering what a crash left
 * unsigned), one every interval while receipts arrive, one at close. Each is
 * incremental: it reads only the rows received since the previous one.
 */
export function createCheckpointer(proof: LedgerProof, options: CheckpointerOptions = {}): Checkpointer {
  const clock = options.clock ?? Date.now;
  const onError = options.onError ?? ((error: unknown) => console.error('[consentkit-ledger] checkpoint failed; retrying at the next tick', error));
  let running: Promise<Checkpoint | null> = Promise.resolve(null);
  // One at a time: a tick never overlaps another, nor the last one at close.
  const tick = () => (running = running.then(async () => proof.checkpoint(new Date(clock()).toISOString())));
  const guarded = () => tick().catch((error: unknown) => (onError(error), null));
  void guarded();
  const timer = setInterval(() => void guarded(), options.intervalMs ?? 60_000);
  timer.unref?.();
  return {
    tick,
    close() {
      clearInterval(timer);
      return tick();
    },
  };
}
