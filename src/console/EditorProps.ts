import type { SiteConfig } from '../server/config/SiteConfig';
import type { Translate } from './messages';

/** What every editing page gets: the draft being edited and a way to change it. */
export interface EditorProps {
  t: Translate;
  config: SiteConfig;
  /** Changes a copy of the draft; the change is saved with "Save draft". */
  update(change: (draft: SiteConfig) => void): void;
  /** False for a viewer: every control is shown but disabled. */
  editable: boolean;
}

/** The languages edited side by side: English, French, the ones the site enables and any other the draft has texts for. */
export const languagesOf = (config: SiteConfig) => [...new Set(['en', 'fr', ...(config.languages ?? []), ...Object.keys(config.texts)])];

/** "a, b , c" → ['a', 'b', 'c']. */
export const splitList = (value: string) =>
  value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
