import { useState } from 'preact/hooks';
import type { Translate } from '../messages';
import { Chart } from './Chart';
import { acceptRate, optInRate, rejectRate } from './rates';
import type { StatsVersion } from './StatsAnswer';

const nameOf = (t: Translate, version: StatsVersion) => (version.configVersion === null ? t('noVersion') : t('version', { number: version.configVersion }));

/** Two published versions side by side (before and after a banner change): accept and reject rates, opt-in per category. */
export function VersionComparison({ t, versions, categories }: { t: Translate; versions: StatsVersion[]; categories: string[] }) {
  const keys = versions.map((version) => String(version.configVersion));
  // By default the two latest: the change just made.
  const [before, setBefore] = useState(keys.at(-2) ?? keys[0] ?? '');
  const [after, setAfter] = useState(keys.at(-1) ?? '');
  if (versions.length === 0) return <p>{t('noVersionStats')}</p>;
  const pick = (key: string) => versions.find((version) => String(version.configVersion) === key) ?? versions[0]!;
  const chosen = [pick(before), pick(after)];
  const rows: Array<[string, (version: StatsVersion) => number | null]> = [
    [t('acceptRate'), (version) => acceptRate(version.decisions)],
    [t('rejectRate'), (version) => rejectRate(version.decisions)],
    ...categories.map((id): [string, (version: StatsVersion) => number | null] => [t('optInOf', { name: id }), (version) => optInRate(version.categories[id])]),
  ];
  const select = (label: string, value: string, set: (value: string) => void) => (
    <label>
      {label}
      <select value={value} onChange={(e) => set(e.currentTarget.value)}>
        {versions.map((version) => (
          <option key={String(version.configVersion)} value={String(version.configVersion)}>
            {nameOf(t, version)} ({version.firstDay} – {version.lastDay})
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <div>
      <div class="row">
        {select(t('before'), before, setBefore)}
        {select(t('after'), after, setAfter)}
      </div>
      <Chart
        t={t}
        id="versions"
        title={t('compareTitle', { before: nameOf(t, chosen[0]!), after: nameOf(t, chosen[1]!) })}
        summary={t('compareSummary', { before: nameOf(t, chosen[0]!), after: nameOf(t, chosen[1]!) })}
        kind="bars"
        unit="%"
        x={rows.map(([name]) => name)}
        series={chosen.map((version) => ({ label: nameOf(t, version), values: rows.map(([, rate]) => rate(version)) }))}
      />
    </div>
  );
}
