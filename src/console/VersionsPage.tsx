import type { ConfigChange } from '../server/config/diffSiteConfig';
import type { ConfigVersion } from '../server/config/ConfigStore';
import type { Translate } from './messages';

interface VersionsProps {
  t: Translate;
  versions: ConfigVersion[];
  editable: boolean;
  /** The draft's publishing errors; publishing is disabled while there are any. */
  errors: string[];
  dirty: boolean;
  onPublish(): void;
  onRepublish(number: number): void;
}

const show = (value: unknown) => (typeof value === 'string' ? `“${value}”` : JSON.stringify(value));

/** One change, as a sentence: `texts.fr.title: “Cookies” → “Vos cookies”`. */
function Change({ change, t }: { change: ConfigChange; t: Translate }) {
  const before = 'before' in change ? show(change.before) : null;
  const after = 'after' in change ? show(change.after) : null;
  return (
    <li>
      <code>{change.path}</code>: {before === null ? `${t('added')} ${after}` : after === null ? `${t('removedValue')} (${before})` : `${before} → ${after}`}
    </li>
  );
}

/** Published versions, newest first, each with its diff; publish the draft, or publish an old version again. */
export function VersionsPage({ t, versions, editable, errors, dirty, onPublish, onRepublish }: VersionsProps) {
  return (
    <div>
      <p class="row">
        <button type="button" class="primary" disabled={!editable || errors.length > 0 || dirty} onClick={onPublish}>
          {t('publish')}
        </button>
        {dirty ? <span>{t('unsaved')}</span> : null}
      </p>
      {versions.length === 0 ? <p>{t('noVersions')}</p> : null}
      <ol class="versions" reversed>
        {versions.map((version, index) => (
          <li key={version.number} class="card">
            <h3>
              {t('version', { number: version.number })}
              {index === 0 ? ` (${t('current')})` : ''}
            </h3>
            <p>
              {t('byAt', { author: version.author, at: new Date(version.publishedAt).toLocaleString() })}
              {version.restoredFrom ? ` — ${t('restoredFrom', { number: version.restoredFrom })}` : ''}
            </p>
            {version.diff.length ? <ul>{version.diff.map((change) => <Change key={change.path} change={change} t={t} />)}</ul> : <p>{t('noChanges')}</p>}
            {index > 0 && editable ? (
              <button type="button" onClick={() => onRepublish(version.number)}>
                {t('republish', { number: version.number })}
              </button>
            ) : null}
          </li>
        ))}
      </ol>
    </div>
  );
}
