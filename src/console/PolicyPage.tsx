import type { EditorProps } from './EditorProps';

/** The languages a site may add to English and French, by their own names. */
const LANGUAGE_NAMES: Array<[string, string]> = [['de', 'Deutsch'], ['es', 'Español'], ['it', 'Italiano'], ['nl', 'Nederlands'], ['pt', 'Português'], ['pl', 'Polski']];

/** Policy version and URL, Consent Mode and GPC, the visitors' languages. */
export function PolicyPage({ t, config, update, editable }: EditorProps) {
  return (
    <fieldset disabled={!editable} class="plain card">
      <label>
        {t('policyVersion')}
        <input value={config.policyVersion} required maxLength={64} onInput={(e) => update((draft) => void (draft.policyVersion = e.currentTarget.value))} />
      </label>
      <label>
        {t('policyUrl')}
        <input value={config.policyUrl ?? ''} onInput={(e) => update((draft) => void (draft.policyUrl = e.currentTarget.value || null))} />
      </label>
      <label class="check">
        <input type="checkbox" checked={config.consentMode} onChange={(e) => update((draft) => void (draft.consentMode = e.currentTarget.checked))} />
        {t('consentMode')}
      </label>
      <label>
        {t('gpc')}
        <select value={config.gpc} onChange={(e) => update((draft) => void (draft.gpc = e.currentTarget.value as 'respect' | 'ignore'))}>
          <option value="respect">{t('gpcRespect')}</option>
          <option value="ignore">{t('gpcIgnore')}</option>
        </select>
      </label>
      <fieldset class="choice">
        <legend>{t('visitorLanguages')}</legend>
        {LANGUAGE_NAMES.map(([code, name]) => (
          <label key={code} class="check" lang={code}>
            <input
              type="checkbox"
              checked={config.languages?.includes(code) ?? false}
              onChange={(e) => {
                const on = e.currentTarget.checked;
                update((draft) => {
                  const others = (draft.languages ?? ['en', 'fr']).filter((language) => language !== code);
                  draft.languages = on ? [...others, code] : others;
                });
              }}
            />
            {name}
          </label>
        ))}
      </fieldset>
    </fieldset>
  );
}
