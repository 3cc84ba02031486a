import { ALL_LANGUAGES } from '../ui/texts/allLanguages';
import { en } from '../ui/texts/en';
import { type EditorProps, languagesOf } from './EditorProps';

const BUILT_IN = ALL_LANGUAGES as unknown as Record<string, Record<string, string>>;
/** Category labels and descriptions are edited with their category. */
const KEYS = Object.keys(en).filter((key) => !/^(necessary|preferences|analytics|marketing)(Text)?$/.test(key));

/** Every text of the banner and dialog, one row per text, one column per language; empty means the built-in text. */
export function TextsPage({ t, config, update, editable }: EditorProps) {
  const languages = languagesOf(config);
  // A plural's optional "few" form (Polish `monthsFew`), after it, where one of the site's languages has it.
  const keys = KEYS.flatMap((key) => (languages.some((lang) => BUILT_IN[lang]?.[key + 'Few'] !== undefined) ? [key, key + 'Few'] : [key]));
  return (
    <fieldset disabled={!editable} class="plain">
      <table class="texts">
        <thead>
          <tr>
            <th scope="col">{t('textKey')}</th>
            {languages.map((lang) => <th key={lang} scope="col" lang={lang}>{lang}</th>)}
          </tr>
        </thead>
        <tbody>
          {keys.map((key) => (
            <tr key={key}>
              <th scope="row"><code>{key}</code></th>
              {languages.map((lang) => (
                <td key={lang}>
                  <textarea
                    aria-label={`${key} (${lang})`}
                    lang={lang}
                    rows={key === 'text' ? 4 : 1}
                    value={config.texts[lang]?.[key] ?? ''}
                    placeholder={BUILT_IN[lang]?.[key] ?? BUILT_IN.en![key] ?? ''}
                    onInput={(e) => {
                      const value = e.currentTarget.value;
                      update((draft) => {
                        const texts = (draft.texts[lang] ??= {});
                        if (value === '') delete texts[key];
                        else texts[key] = value;
                      });
                    }}
                  />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </fieldset>
  );
}
