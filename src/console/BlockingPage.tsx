import { useState } from 'preact/hooks';
import { labelOf } from './CategoriesPage';
import type { EditorProps } from './EditorProps';

/** Hosts whose scripts wait for a category (the SDK's auto-blocking map). */
export function BlockingPage({ t, config, update, editable }: EditorProps) {
  const [host, setHost] = useState('');
  const [category, setCategory] = useState('analytics');
  const hosts = Object.entries(config.blocking);
  return (
    <fieldset disabled={!editable} class="plain">
      <h3>{t('hostsMapped')}</h3>
      {hosts.length === 0 ? <p>{t('noHosts')}</p> : null}
      <ul class="hosts" aria-label={t('hostsMapped')}>
        {hosts.map(([name, id]) => (
          <li key={name} class="row">
            <code>{name}</code>
            <label>
              {t('category')}
              <select value={id} onChange={(e) => update((draft) => void (draft.blocking[name] = e.currentTarget.value))}>
                {config.categories.map((c) => <option key={c.id} value={c.id}>{labelOf(config, c.id)}</option>)}
              </select>
            </label>
            <button type="button" onClick={() => update((draft) => void delete draft.blocking[name])}>{t('remove', { name })}</button>
          </li>
        ))}
      </ul>
      <form
        class="card"
        aria-labelledby="map-host"
        onSubmit={(event) => {
          event.preventDefault();
          const name = host.trim().toLowerCase();
          if (!name) return;
          update((draft) => void (draft.blocking[name] = category));
          setHost('');
        }}
      >
        <h3 id="map-host">{t('mapHost')}</h3>
        <label>
          {t('host')}
          <input value={host} required onInput={(e) => setHost(e.currentTarget.value)} />
        </label>
        <label>
          {t('category')}
          <select value={category} onChange={(e) => setCategory(e.currentTarget.value)}>
            {config.categories.map((c) => <option key={c.id} value={c.id}>{labelOf(config, c.id)}</option>)}
          </select>
        </label>
        <button type="submit">{t('mapHost')}</button>
      </form>
    </fieldset>
  );
}
