import type { EditorProps } from './EditorProps';

/** Policy version and URL, Consent Mode and GPC. */
export function PolicyPage({ t, config, update, editable }: EditorProps) {
  return (
    <fieldset disabled={!editable} class="plain card">
      <label>
        {t('policyVersion')}
        <input value={config.policyVersion} required onInput={(e) => update((draft) => void (draft.policyVersion = e.currentTarget.value))} />
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
    </fieldset>
  );
}
