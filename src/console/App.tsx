import { useEffect, useMemo, useState } from 'preact/hooks';
import type { AuditEntry, ConfigVersion } from '../server/config/ConfigStore';
import type { SiteConfig } from '../server/config/SiteConfig';
import { ApiError, createApi, type SessionInfo } from './api';
import { AuditPage } from './AuditPage';
import { BlockingPage } from './BlockingPage';
import { CategoriesPage } from './CategoriesPage';
import { languagesOf } from './EditorProps';
import { enMessages, frMessages, type Messages, translator } from './messages';
import { PolicyPage } from './PolicyPage';
import { PreviewPage } from './PreviewPage';
import { SignIn } from './SignIn';
import { StatsPage } from './StatsPage';
import { TextsPage } from './TextsPage';
import { VersionsPage } from './VersionsPage';

const SECTIONS = ['categories', 'blocking', 'texts', 'policy', 'preview', 'versions', 'audit', 'stats'] as const;
type Section = (typeof SECTIONS)[number];
const sectionOf = (hash: string): Section => (SECTIONS as readonly string[]).includes(hash.slice(1)) ? (hash.slice(1) as Section) : 'categories';
const MESSAGES: Record<string, Messages> = { en: enMessages, fr: frMessages };
const message = (error: unknown) => (error instanceof ApiError ? [error.message, ...error.details].join(' ') : String(error));

/** The console: sign-in, then the draft's editors, the preview, versions and the audit log. */
export function App() {
  const [lang, setLang] = useState(() => (localStorage.getItem('consentkit-console-lang') ?? navigator.language).startsWith('fr') ? 'fr' : 'en');
  const t = useMemo(() => translator(MESSAGES[lang]!), [lang]);
  const [session, setSession] = useState<SessionInfo | null | undefined>(undefined);
  const api = useMemo(() => createApi(() => session?.csrf ?? null), [session]);
  const [config, setConfig] = useState<SiteConfig | null>(null);
  const [revision, setRevision] = useState('');
  const [errors, setErrors] = useState<string[]>([]);
  const [dirty, setDirty] = useState(false);
  const [status, setStatus] = useState('');
  const [versions, setVersions] = useState<ConfigVersion[]>([]);
  const [audit, setAudit] = useState<AuditEntry[]>([]);
  const [section, setSection] = useState<Section>(sectionOf(location.hash));

  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = t('consoleTitle');
    localStorage.setItem('consentkit-console-lang', lang);
  }, [lang]);
  useEffect(() => {
    const onHash = () => setSection(sectionOf(location.hash));
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, []);
  useEffect(() => void api.session().then(setSession, () => setSession(null)), []);
  useEffect(() => {
    if (!session) return;
    api.draft().then((draft) => {
      setConfig(draft.config);
      setErrors(draft.errors);
      setRevision(draft.updatedAt ?? '');
    }, (error) => setStatus(t('error', { message: message(error) })));
  }, [session]);
  useEffect(() => {
    if (!session) return;
    if (section === 'versions') api.versions().then((answer) => setVersions(answer.versions), (error) => setStatus(t('error', { message: message(error) })));
    if (section === 'audit') api.audit().then((answer) => setAudit(answer.entries), (error) => setStatus(t('error', { message: message(error) })));
  }, [section, session]);

  const languageSwitch = (
    <label class="lang">
      {t('language')}
      <select value={lang} onChange={(e) => setLang(e.currentTarget.value)}>
        <option value="en" lang="en">English</option>
        <option value="fr" lang="fr">Français</option>
      </select>
    </label>
  );
  if (session === undefined) return <main />;
  if (session === null) {
    return (
      <main>
        <header class="top"><h1>{t('consoleTitle')}</h1>{languageSwitch}</header>
        <SignIn
          t={t}
          onSignIn={async (name, password) => {
            try {
              setSession(await api.signIn(name, password));
              return null;
            } catch (error) {
              return message(error);
            }
          }}
        />
      </main>
    );
  }

  const editable = session.role === 'editor';
  const update = (change: (draft: SiteConfig) => void) => {
    const next = structuredClone(config!);
    change(next);
    setConfig(next);
    setDirty(true);
    setStatus('');
  };
  const save = async () => {
    try {
      const answer = await api.saveDraft(config!);
      setErrors(answer.errors);
      setRevision(answer.updatedAt ?? '');
      setDirty(false);
      setStatus(t('saved'));
    } catch (error) {
      setStatus(t('error', { message: message(error) }));
    }
  };
  const publish = async (number?: number) => {
    try {
      const version = number === undefined ? await api.publish() : await api.republish(number);
      setStatus(t('published', { number: version.number }));
      setVersions((await api.versions()).versions);
      const draft = await api.draft();
      setConfig(draft.config);
      setRevision(draft.updatedAt ?? '');
    } catch (error) {
      setStatus(t('error', { message: message(error) }));
    }
  };
  const props = config ? { t, config, update, editable } : null;

  return (
    <>
      <header class="top">
        <h1>{t('consoleTitle')}</h1>
        {languageSwitch}
        <p>{t('signedInAs', { name: session.name, role: t(session.role) })}</p>
        <button type="button" onClick={() => api.signOut().finally(() => setSession(null))}>{t('signOut')}</button>
      </header>
      <nav aria-label={t('sections')}>
        <ul>
          {SECTIONS.map((name) => (
            <li key={name}>
              <a href={`#${name}`} aria-current={section === name ? 'page' : undefined}>{t(name)}</a>
            </li>
          ))}
        </ul>
      </nav>
      <main>
        <h2>{t(section)}</h2>
        {editable ? null : <p class="note">{t('readOnly')}</p>}
        <div class="bar">
          {editable && section !== 'versions' && section !== 'audit' && section !== 'preview' ? (
            <button type="button" class="primary" onClick={save} disabled={!dirty}>{t('saveDraft')}</button>
          ) : null}
          <p role="status">{status || (dirty ? t('unsaved') : '')}</p>
        </div>
        {errors.length && section !== 'audit' ? (
          <div class="errors">
            <p>{t('cannotPublish')}</p>
            <ul>{errors.map((error) => <li key={error}>{error}</li>)}</ul>
          </div>
        ) : null}
        {props && section === 'categories' ? <CategoriesPage {...props} /> : null}
        {props && section === 'blocking' ? <BlockingPage {...props} /> : null}
        {props && section === 'texts' ? <TextsPage {...props} /> : null}
        {props && section === 'policy' ? <PolicyPage {...props} /> : null}
        {config && section === 'preview' ? <PreviewPage t={t} languages={languagesOf(config)} revision={revision} /> : null}
        {section === 'versions' ? <VersionsPage t={t} versions={versions} editable={editable} errors={errors} dirty={dirty} onPublish={() => publish()} onRepublish={publish} /> : null}
        {section === 'audit' ? <AuditPage t={t} entries={audit} /> : null}
        {section === 'stats' ? <StatsPage t={t} editor={props} /> : null}
      </main>
    </>
  );
}
