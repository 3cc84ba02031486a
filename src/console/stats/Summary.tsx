import type { Translate } from '../messages';
import { acceptRate, answers, percent, rejectRate, showPercent } from './rates';
import type { StatsAnswer } from './StatsAnswer';

/** The headline figures of the range: how many decided, how, how fast; with impressions, the true consent rate. */
export function Summary({ t, stats }: { t: Translate; stats: StatsAnswer }) {
  const { totals } = stats;
  const answered = answers(totals.decisions);
  const figures: Array<[string, string]> = [
    [t('answers'), String(answered)],
    [t('acceptRate'), showPercent(acceptRate(totals.decisions))],
    [t('rejectRate'), showPercent(rejectRate(totals.decisions))],
    [t('withdrawals'), String(totals.decisions.withdraw)],
    [t('gpcShare'), showPercent(percent(totals.gpc.on, totals.gpc.on + totals.gpc.off))],
    [t('medianTime'), totals.decisionSeconds.median === null ? '—' : t('seconds', { count: totals.decisionSeconds.median, samples: totals.decisionSeconds.samples })],
  ];
  if (stats.impressionsEnabled) {
    figures.push(
      [t('impressions'), String(totals.impressions)],
      [t('answeredRate'), showPercent(percent(answered, totals.impressions))],
      [t('trueConsentRate'), showPercent(percent(totals.decisions['accept-all'], totals.impressions))],
    );
  }
  return (
    <dl class="figures" aria-label={t('keyFigures')}>
      {figures.map(([term, value]) => (
        <div key={term}>
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
