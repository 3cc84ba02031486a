import { useState } from 'preact/hooks';
import type { Translate } from '../messages';
import { type DayRange, rangeProblem } from './statsUrl';

/** From and to (UTC days, both included); the range is asked for only once it makes sense. */
export function RangeForm({ t, range, onRange }: { t: Translate; range: DayRange; onRange(range: DayRange): void }) {
  const [draft, setDraft] = useState(range);
  const problem = rangeProblem(draft);
  return (
    <form
      class="row range"
      aria-label={t('dateRange')}
      onSubmit={(event) => {
        event.preventDefault();
        if (!problem) onRange(draft);
      }}
    >
      <label>
        {t('from')}
        <input type="date" value={draft.from} required onInput={(e) => setDraft({ ...draft, from: e.currentTarget.value })} />
      </label>
      <label>
        {t('to')}
        <input type="date" value={draft.to} required onInput={(e) => setDraft({ ...draft, to: e.currentTarget.value })} />
      </label>
      <button type="submit" disabled={problem !== null}>{t('showRange')}</button>
      <p class="error" aria-live="polite">{problem ? t(problem === 'order' ? 'rangeOrder' : problem === 'tooLong' ? 'rangeTooLong' : 'rangeInvalid') : ''}</p>
    </form>
  );
}
