import type { SubjectLimit } from './types';

/**
 * How long until `incoming` new receipts of one subject fit under its limit,
 * in ms; 0 when they fit now. `recent` holds the receive times (ms) of the
 * subject's newest rows, newest first, at least `limit.limit` of them when it
 * has that many: the store reads no more than that, however long the subject.
 */
export function subjectLimitWait(recent: readonly number[], incoming: number, limit: SubjectLimit, now: number): number {
  const inWindow = recent.filter((time) => time > now - limit.windowMs);
  if (inWindow.length + incoming <= limit.limit) return 0;
  // A batch larger than the whole allowance never fits: wait a full window, the most anyone waits.
  if (incoming > limit.limit) return limit.windowMs;
  // Rows leave the window oldest first; once this one has left, `incoming` more fit.
  const blocking = inWindow[limit.limit - incoming] as number;
  return Math.max(1, blocking + limit.windowMs - now);
}
