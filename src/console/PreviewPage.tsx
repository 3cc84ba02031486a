import { useState } from 'preact/hooks';
import { CONSOLE_URL } from './api';
import type { Translate } from './messages';

interface PreviewProps {
  t: Translate;
  languages: string[];
  /** Changes when the draft is saved, so the frame reloads. */
  revision: string;
}

/** The real SDK with the saved draft in a frame: each language, light or dark, phone or desktop width, banner or dialog. */
export function PreviewPage({ t, languages, revision }: PreviewProps) {
  const [lang, setLang] = useState('en');
  const [view, setView] = useState<'banner' | 'dialog'>('banner');
  const [theme, setTheme] = useState<'light' | 'dark'>('light');
  const [width, setWidth] = useState<'phone' | 'desktop'>('desktop');
  const choice = <T extends string>(legend: string, value: T, set: (value: T) => void, options: Array<[T, string]>) => (
    <fieldset class="choice">
      <legend>{legend}</legend>
      {options.map(([option, text]) => (
        <label key={option} class="check">
          <input type="radio" name={legend} checked={value === option} onChange={() => set(option)} />
          {text}
        </label>
      ))}
    </fieldset>
  );
  return (
    <div>
      <p>{t('previewHint')}</p>
      <div class="row">
        {choice(t('previewLanguage'), lang, setLang, languages.map((l) => [l, l]))}
        {choice(t('layer'), view, setView, [['banner', t('banner')], ['dialog', t('dialog')]])}
        {choice(t('theme'), theme, setTheme, [['light', t('light')], ['dark', t('dark')]])}
        {choice(t('width'), width, setWidth, [['phone', t('phone')], ['desktop', t('desktop')]])}
      </div>
      <iframe
        key={`${lang}/${view}/${theme}/${revision}`}
        class={`preview ${theme} ${width}`}
        title={t('previewFrame', { layer: t(view), lang, theme: t(theme), width: t(width) })}
        src={`${CONSOLE_URL}preview?lang=${encodeURIComponent(lang)}&view=${view}&theme=${theme}&r=${encodeURIComponent(revision)}`}
      />
    </div>
  );
}
