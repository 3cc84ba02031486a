/** The actions a receipt records, in the order the console lists them. */
export const ACTIONS = ['accept-all', 'reject-all', 'dismiss', 'save', 'withdraw'] as const;
export type Action = (typeof ACTIONS)[number];

export type ActionCounts = Record<Action, number>;
export type Choices = Record<string, { granted: number; refused: number }>;

/** One UTC day of `GET {base}/stats`. */
export interface StatsDay {
  day: string;
  decisions: ActionCounts;
  impressions: number;
  categories: Choices;
}

/** Counts for one published configuration version (`null`: receipts that name none). */
export interface StatsVersion {
  configVersion: number | null;
  firstDay: string;
  lastDay: string;
  decisions: ActionCounts;
  categories: Choices;
}

/** What `GET {base}/stats?from=&to=` answers: aggregates only, never a subject, receipt or address. */
export interface StatsAnswer {
  from: string;
  to: string;
  days: StatsDay[];
  totals: {
    decisions: ActionCounts;
    bySource: Record<string, number>;
    byLanguage: Record<string, number>;
    byReason: Record<string, number>;
    gpc: { on: number; off: number };
    impressions: number;
    categories: Record<string, { granted: number; refused: number; withdrawn: number }>;
    services: Choices;
    decisionSeconds: { median: number | null; samples: number };
  };
  versions: StatsVersion[];
  notices: Array<{ shownHash: string; decisions: number }>;
  impressionsEnabled: boolean;
}
