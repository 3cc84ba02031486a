import type { ReceiptSource } from './receipt';
import type { Clock } from './storage';

/** Decisions taken by code, not in the banner or dialog: there is no time to measure. */
const UNTIMED: ReceiptSource[] = ['api', 'gpc'];
/** One hour: anything longer is a tab left open, not a visitor thinking. */
const MAX_SECONDS = 3600;

/**
 * Times a receipt's `decisionSeconds`: whole seconds from the banner or the
 * dialog being shown (the first `show` since the last decision) to the
 * decision. Coarse on purpose, so that it identifies no one.
 */
export function createDecisionTimer(clock: Clock) {
  let shownAt: number | null = null;
  return {
    /** The banner or the dialog was shown; only the first show since the last decision starts the timer. */
    shown(): void {
      shownAt ??= clock.now();
    },
    /** The seconds to a decision taken at `now` from `source`, or undefined (nothing shown, or code decided); the next show starts again. */
    stop(source: ReceiptSource, now: number): number | undefined {
      const start = shownAt;
      shownAt = null;
      if (start === null || UNTIMED.includes(source)) return undefined;
      return Math.min(MAX_SECONDS, Math.max(0, Math.floor((now - start) / 1000)));
    },
  };
}
