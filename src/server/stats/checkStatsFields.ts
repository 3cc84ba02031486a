/** Optional receipt fields the statistics read; receipts without them stay valid. */
export const STATS_FIELDS = ['configVersion', 'decisionSeconds'] as const;

/** Seconds are capped at an hour: coarse on purpose, a duration that identifies no one. */
const MAX_DECISION_SECONDS = 3600;

/**
 * `configVersion`: the published console configuration the page ran, a whole
 * number from 1. `decisionSeconds`: whole seconds from the banner or dialog
 * being shown to the decision, 0 to 3600.
 */
export function checkStatsFields(receipt: Record<string, unknown>, fail: (field: string, message: string) => void): void {
  const version = receipt.configVersion;
  if ('configVersion' in receipt && !(Number.isSafeInteger(version) && (version as number) >= 1)) fail('configVersion', 'must be a whole number from 1');
  const seconds = receipt.decisionSeconds;
  if ('decisionSeconds' in receipt && !(Number.isInteger(seconds) && (seconds as number) >= 0 && (seconds as number) <= MAX_DECISION_SECONDS)) {
    fail('decisionSeconds', `must be a whole number of seconds from 0 to ${MAX_DECISION_SECONDS}`);
  }
}
