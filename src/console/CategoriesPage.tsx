import { useState } from 'preact/hooks';
import type { SiteService } from '../server/config/SiteConfig';
import { en } from '../ui/texts/en';
import { fr } from '../ui/texts/fr';
import { type EditorProps, languagesOf, splitList } from './EditorProps';

const BUILT_IN: Record<string, Record<string, string>> = { en: en as unknown as Record<string, string>, fr: fr as unknown as Record<string, string> };

/** The label visitors see in a language: the draft's text, else the SDK's built-in one, else the id. */
export const labelOf = (config: EditorProps['config'], id: string, lang = 'en') => config.texts[lang]?.[id] || BUILT_IN[lang]?.[id] || id;

/** Categories in order (rename, reorder, add) with their services (add, move, remove). */
export function CategoriesPage({ t, config, update, editable }: EditorProps) {
  const languages = languagesOf(config);
  const [newId, setNewId] = useState('');
  const [service, setService] = useState({ category: 'analytics', name: '', provider: '', purpose: '', duration: '', cookies: '', storage: '' });
  const [moveTargets, setMoveTargets] = useState<Record<string, string>>({});
  const ids = config.categories.map((category) => category.id);

  const setText = (lang: string, key: string, value: string) =>
    update((draft) => {
      const texts = (draft.texts[lang] ??= {});
      if (value === '') delete texts[key];
      else texts[key] = value;
    });
  const move = (index: number, by: number) =>
    update((draft) => {
      const [item] = draft.categories.splice(index, 1);
      draft.categories.splice(index + by, 0, item!);
    });
  const addService = (event: Event) => {
    event.preventDefault();
    if (!service.name.trim()) return;
    const entry: SiteService = { name: service.name.trim() };
    for (const key of ['provider', 'purpose', 'duration'] as const) if (service[key].trim()) entry[key] = service[key].trim();
    if (splitList(service.cookies).length) entry.cookies = splitList(service.cookies);
    if (splitList(service.storage).length) entry.storage = splitList(service.storage);
    update((draft) => draft.categories.find((category) => category.id === service.category)?.services.push(entry));
    setService({ ...service, name: '', provider: '', purpose: '', duration: '', cookies: '', storage: '' });
  };
  const moveService = (from: string, index: number) => {
    const to = moveTargets[`${from}/${index}`] ?? ids.find((id) => id !== from)!;
    update((draft) => {
      const [item] = draft.categories.find((category) => category.id === from)!.services.splice(index, 1);
      draft.categories.find((category) => category.id === to)!.services.push(item!);
    });
  };

  return (
    <fieldset disabled={!editable} class="plain">
      <ol class="categories">
        {config.categories.map((category, index) => {
          const name = labelOf(config, category.id);
          return (
            <li key={category.id} class="card">
              <h3>
                {name} <code>{category.id}</code>
              </h3>
              <div class="side-by-side">
                {languages.map((lang) => (
                  <div key={lang}>
                    <label>
                      {t('label', { lang })}
                      <input value={config.texts[lang]?.[category.id] ?? ''} placeholder={BUILT_IN[lang]?.[category.id] ?? ''} onInput={(e) => setText(lang, category.id, e.currentTarget.value)} />
                    </label>
                    <label>
                      {t('description', { lang })}
                      <textarea rows={2} value={config.texts[lang]?.[category.id + 'Text'] ?? ''} placeholder={BUILT_IN[lang]?.[category.id + 'Text'] ?? ''} onInput={(e) => setText(lang, category.id + 'Text', e.currentTarget.value)} />
                    </label>
                  </div>
                ))}
              </div>
              <div class="row">
                <button type="button" disabled={index === 0} onClick={() => move(index, -1)}>{t('moveUp', { name })}</button>
                <button type="button" disabled={index === ids.length - 1} onClick={() => move(index, 1)}>{t('moveDown', { name })}</button>
              </div>
              <h4>{t('services', { name })}</h4>
              {category.services.length === 0 ? <p>{t('noServices')}</p> : null}
              <ul class="services" aria-label={t('services', { name })}>
                {category.services.map((entry, serviceIndex) => {
                  const key = `${category.id}/${serviceIndex}`;
                  return (
                    <li key={entry.name}>
                      <strong>{entry.name}</strong>
                      {entry.provider ? ` — ${entry.provider}` : ''}
                      {entry.cookies?.length ? <span class="muted"> ({entry.cookies.join(', ')})</span> : null}
                      <span class="row">
                        <label>
                          {t('moveTo', { name: entry.name })}
                          <select value={moveTargets[key] ?? ids.find((id) => id !== category.id)} onChange={(e) => setMoveTargets({ ...moveTargets, [key]: e.currentTarget.value })}>
                            {ids.filter((id) => id !== category.id).map((id) => <option key={id} value={id}>{labelOf(config, id)}</option>)}
                          </select>
                        </label>
                        <button type="button" onClick={() => moveService(category.id, serviceIndex)}>{t('move')}</button>
                        <button type="button" onClick={() => update((draft) => draft.categories[index]!.services.splice(serviceIndex, 1))}>{t('remove', { name: entry.name })}</button>
                      </span>
                    </li>
                  );
                })}
              </ul>
            </li>
          );
        })}
      </ol>

      <form class="card" onSubmit={addService} aria-labelledby="add-service">
        <h3 id="add-service">{t('addService')}</h3>
        <label>
          {t('category')}
          <select value={service.category} onChange={(e) => setService({ ...service, category: e.currentTarget.value })}>
            {ids.map((id) => <option key={id} value={id}>{labelOf(config, id)}</option>)}
          </select>
        </label>
        {(['name', 'provider', 'purpose', 'duration', 'cookies', 'storage'] as const).map((key) => (
          <label key={key}>
            {t(key === 'name' ? 'serviceName' : key)}
            <input value={service[key]} required={key === 'name'} onInput={(e) => setService({ ...service, [key]: e.currentTarget.value })} />
          </label>
        ))}
        <button type="submit">{t('addService')}</button>
      </form>

      <form
        class="card"
        aria-labelledby="add-category"
        onSubmit={(event) => {
          event.preventDefault();
          const id = newId.trim();
          if (!/^[a-z][a-z0-9_-]{0,31}$/.test(id) || ids.includes(id)) return;
          update((draft) => draft.categories.push({ id, services: [] }));
          setNewId('');
        }}
      >
        <h3 id="add-category">{t('addCategory')}</h3>
        <label>
          {t('newCategoryId')}
          <input value={newId} pattern="[a-z][a-z0-9_\-]{0,31}" required onInput={(e) => setNewId(e.currentTarget.value)} />
        </label>
        <button type="submit">{t('addCategory')}</button>
      </form>
    </fieldset>
  );
}
