import type { ActionCounts } from './StatsAnswer';

/** `part / whole` as a percentage with one decimal, or null when there is nothing to divide. */
export const percent = (part: number, whole: number): number | null => (whole > 0 ? Math.round((part / whole) * 1000) / 10 : null);

/** Decisions that answer the banner or the dialog: every action but withdraw. */
export const answers = (decisions: ActionCounts) => decisions['accept-all'] + decisions['reject-all'] + decisions.dismiss + decisions.save;

/** Share of answers that accepted everything. */
export const acceptRate = (decisions: ActionCounts) => percent(decisions['accept-all'], answers(decisions));

/** Share of answers that refused everything: reject all, or closing the banner. */
export const rejectRate = (decisions: ActionCounts) => percent(decisions['reject-all'] + decisions.dismiss, answers(decisions));

/** Opt-in rate of a category: granted / (granted + refused). */
export const optInRate = (choice: { granted: number; refused: number } | undefined) => (choice ? percent(choice.granted, choice.granted + choice.refused) : null);

/** "42.5 %", or an em dash when there is no rate. */
export const showPercent = (value: number | null) => (value === null ? '—' : `${value} %`);
