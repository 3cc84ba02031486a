import type { ResolvedConfig } from '../core/normalizeConfig';
import { en, keptFor, type Texts } from './texts';

/** The banner's sentence in `language`, with how long the choice is kept filled in. */
export function bannerSentence(config: ResolvedConfig, t: Texts, language: string): string {
  // A site language without a sentence of its own shows the English one: its duration is then English too.
  return t.text.replace('{}', keptFor(config.cookie.maxAgeDays, t.text === en.text ? 'en' : language));
}
