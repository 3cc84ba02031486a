import type { TextOverrides } from '../../core/config';
import { BUILT_IN_TEXTS } from './builtInTexts';
import { en } from './en';
import type { ResolvedTexts, Texts } from './Texts';

/**
 * The texts for `language`: the site's overrides for it, then its built-in
 * module, then English for any key still missing. No parsing, one merge: the
 * result can be computed once per page and shared.
 *
 * @param languages the built-in modules to choose from. @default BUILT_IN_TEXTS (English and French)
 */
export function textsFor(language: string, overrides: TextOverrides, languages: Readonly<Record<string, Texts>> = BUILT_IN_TEXTS): ResolvedTexts {
  return { ...en, ...languages[language], ...overrides[language] };
}
