import { useEffect, useState } from 'preact/hooks';
import type { SiteConfig } from '../server/config/SiteConfig';
import { ApiError } from './api';
import type { EditorProps } from './EditorProps';
import { enMessages, type Messages, type Translate } from './messages';
import { Chart } from './stats/Chart';
import { optInRate } from './stats/rates';
import { RangeForm } from './stats/RangeForm';
import { ACTIONS, type StatsAnswer } from './stats/StatsAnswer';
import { Summary } from './stats/Summary';
import { lastThirtyDays, statsUrl, type DayRange } from './stats/statsUrl';
import { VersionComparison } from './stats/VersionComparison';

interface StatsProps {
  t: Translate;
  /** The draft and how to change it, for the impressions switch; null while the draft loads. */
  editor: EditorProps | null;
}

/** The draft as the impressions switch reads it: a configuration stored before the setting existed has no such key. */
type WithImpressions = SiteConfig & { countImpressions?: boolean };

/** A label for a counted key: actions, sources and reasons are translated; languages and category ids are shown as they are. */
const labelFor = (t: Translate, prefix: 'action' | 'source' | 'reason', key: string) => {
  const message = `${prefix}:${key}`;
  return message in enMessages ? t(message as keyof Messages) : key;
};

/** Counts of a map, largest first, as the x labels and one series of a bar chart. */
function bars(t: Translate, counts: Record<string, number>, prefix?: 'source' | 'reason') {
  const entries = Object.entries(counts).sort((a, b) => b[1] - a[1]);
  return { x: entries.map(([key]) => (prefix ? labelFor(t, prefix, key) : key)), values: entries.map(([, count]) => count) };
}

/**
 * Consent statistics from the ledger's aggregates (`GET {base}/stats`): no
 * subject, receipt or address ever reaches this page. A date range, the daily
 * decisions, opt-in per category over time, breakdowns, two versions compared,
 * a CSV download, and the switch of the anonymous impression counter.
 */
export function StatsPage({ t, editor }: StatsProps) {
  const [range, setRange] = useState<DayRange>(() => lastThirtyDays());
  const [stats, setStats] = useState<StatsAnswer | null>(null);
  const [problem, setProblem] = useState('');
  useEffect(() => {
    let current = true;
    setProblem('');
    fetch(statsUrl(range), { credentials: 'same-origin', headers: { accept: 'application/json' } })
      .then(async (response) => {
        const answer = (await response.json().catch(() => ({}))) as StatsAnswer & { message?: string };
        if (!response.ok) throw new ApiError(response.status, answer.message ?? response.statusText);
        if (current) setStats(answer);
      })
      .catch((error: unknown) => current && setProblem(t('error', { message: error instanceof Error ? error.message : String(error) })));
    return () => void (current = false);
  }, [range.from, range.to]);

  const config = editor?.config as WithImpressions | undefined;
  const impressionsSwitch = editor && config ? (
    <fieldset disabled={!editor.editable} class="plain card">
      <label class="check">
        <input type="checkbox" checked={config.countImpressions === true} onChange={(e) => editor.update((draft) => void ((draft as WithImpressions).countImpressions = e.currentTarget.checked))} />
        {t('countImpressions')}
      </label>
      <p>{t('countImpressionsHint')}</p>
    </fieldset>
  ) : null;

  const days = stats?.days ?? [];
  const categories = stats ? Object.keys(stats.totals.categories) : [];
  const dayNames = days.map((day) => day.day);
  return (
    <div class="stats">
      <RangeForm t={t} range={range} onRange={setRange} />
      <p>
        <a href={statsUrl(range, 'csv')} download={`consentkit-stats-${range.from}-${range.to}.csv`}>{t('downloadCsv')}</a>
      </p>
      {problem ? <p class="error" role="alert">{problem}</p> : null}
      {stats ? (
        <>
          <Summary t={t} stats={stats} />
          <Chart
            t={t}
            id="decisions"
            title={t('decisionsPerDay')}
            summary={t('decisionsPerDaySummary', { from: stats.from, to: stats.to })}
            kind="days"
            x={dayNames}
            series={ACTIONS.map((action) => ({ label: labelFor(t, 'action', action), values: days.map((day) => day.decisions[action] ?? 0) }))}
          />
          <Chart
            t={t}
            id="opt-in"
            title={t('optInPerDay')}
            summary={t('optInPerDaySummary')}
            kind="days"
            unit="%"
            x={dayNames}
            series={categories.map((id) => ({ label: id, values: days.map((day) => optInRate(day.categories[id])) }))}
          />
          {stats.impressionsEnabled ? (
            <Chart t={t} id="impressions" title={t('impressionsPerDay')} summary={t('impressionsPerDaySummary')} kind="days" x={dayNames} series={[{ label: t('impressions'), values: days.map((day) => day.impressions) }]} />
          ) : null}
          <div class="breakdowns">
            {(
              [
                ['by-language', t('byLanguage'), bars(t, stats.totals.byLanguage)],
                ['by-source', t('bySource'), bars(t, stats.totals.bySource, 'source')],
                ['by-reason', t('byReason'), bars(t, stats.totals.byReason, 'reason')],
              ] as const
            ).map(([id, title, counts]) => (
              <Chart key={id} t={t} id={id} title={title} summary={t('breakdownSummary', { title })} kind="bars" x={counts.x} series={[{ label: t('decisionsCount'), values: counts.values }]} />
            ))}
          </div>
          <h3>{t('compareVersions')}</h3>
          <VersionComparison key={`${stats.from}/${stats.to}`} t={t} versions={stats.versions} categories={categories} />
        </>
      ) : null}
      <h3>{t('impressions')}</h3>
      {impressionsSwitch}
    </div>
  );
}
