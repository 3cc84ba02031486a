import type { StatsReport } from '../../../src/server/index';
import { LANGUAGES, type Generated } from './generateReceipts';

/**
 * The report counted the plain way, receipt by receipt over the whole list,
 * with none of the ledger's statistics code: what the aggregates must equal.
 */
export function bruteForceReport(generated: readonly Generated[], from: string, to: string): StatsReport {
  const actions = () => ({ 'accept-all': 0, 'reject-all': 0, dismiss: 0, save: 0, withdraw: 0 });
  const report: StatsReport = {
    from,
    to,
    days: [],
    totals: {
      decisions: actions(),
      bySource: { banner: 0, preferences: 0, 'settings-button': 0, placeholder: 0, api: 0, gpc: 0 },
      byLanguage: {},
      byReason: { 'first-visit': 0, expired: 0, 'policy-changed': 0, 'new-category': 0, 'subject-erased': 0, none: 0 },
      gpc: { on: 0, off: 0 },
      impressions: 0,
      categories: {},
      services: {},
      decisionSeconds: { median: null, samples: 0 },
    },
    versions: [],
    notices: [],
    impressionsEnabled: false,
  };
  for (let t = Date.parse(from); t <= Date.parse(to); t += 86_400_000) report.days.push({ day: new Date(t).toISOString().slice(0, 10), decisions: actions(), impressions: 0, categories: {} });
  const lastOfSubject = new Map<string, Record<string, boolean>>();
  const seconds: number[] = [];
  const notices = new Map<string, number>();
  for (const { day, receipt } of generated) {
    const previous = lastOfSubject.get(receipt.subject);
    lastOfSubject.set(receipt.subject, receipt.categories);
    const today = report.days.find((d) => d.day === day);
    if (!today) continue;
    const t = report.totals;
    today.decisions[receipt.action] += 1;
    t.decisions[receipt.action] += 1;
    t.bySource[receipt.source] += 1;
    const language = LANGUAGES[receipt.language]!;
    t.byLanguage[language] = (t.byLanguage[language] ?? 0) + 1;
    t.byReason[receipt.reason ?? 'none'] += 1;
    t.gpc[receipt.gpc ? 'on' : 'off'] += 1;
    if (receipt.decisionSeconds !== undefined) seconds.push(receipt.decisionSeconds);
    notices.set(receipt.shownHash, (notices.get(receipt.shownHash) ?? 0) + 1);
    let version = report.versions.find((v) => v.configVersion === (receipt.configVersion ?? null));
    if (!version) report.versions.push((version = { configVersion: receipt.configVersion ?? null, firstDay: day, lastDay: day, decisions: actions(), categories: {} }));
    version.lastDay = day;
    version.decisions[receipt.action] += 1;
    for (const [category, granted] of Object.entries(receipt.categories)) {
      if (category === 'necessary') continue;
      const key = granted ? 'granted' : 'refused';
      (today.categories[category] ??= { granted: 0, refused: 0 })[key] += 1;
      (t.categories[category] ??= { granted: 0, refused: 0, withdrawn: 0 })[key] += 1;
      (version.categories[category] ??= { granted: 0, refused: 0 })[key] += 1;
      if (receipt.action === 'withdraw' && !granted && (previous === undefined || previous[category] === true)) t.categories[category]!.withdrawn += 1;
    }
    for (const [service, granted] of Object.entries(receipt.services ?? {})) (t.services[service] ??= { granted: 0, refused: 0 })[granted ? 'granted' : 'refused'] += 1;
  }
  seconds.sort((a, b) => a - b);
  const n = seconds.length;
  report.totals.decisionSeconds = { median: n === 0 ? null : n % 2 ? seconds[(n - 1) / 2]! : (seconds[n / 2 - 1]! + seconds[n / 2]!) / 2, samples: n };
  report.versions.sort((a, b) => (a.configVersion ?? 0) - (b.configVersion ?? 0));
  report.notices = [...notices.entries()].map(([shownHash, decisions]) => ({ shownHash, decisions })).sort((a, b) => b.decisions - a.decisions || (a.shownHash < b.shownHash ? -1 : 1));
  return report;
}
