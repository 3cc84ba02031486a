import type { ResolvedConfig } from '../core/normalizeConfig';
import { keptFor, type Texts } from './texts';

/** The banner's sentence in `language`, with how long the choice is kept filled in. */
export function bannerSentence(config: ResolvedConfig, t: Texts, language: string): string {
  return t.text.replace('{}', keptFor(config.cookie.maxAgeDays, t, language));
}
