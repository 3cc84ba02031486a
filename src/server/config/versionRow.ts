import type { ConfigVersion } from './ConfigStore';
import type { SiteConfig } from './SiteConfig';

/** A published version as both config stores select it: the configuration and its diff as JSON text. */
export interface VersionRow {
  number: number;
  config: string;
  author: string;
  publishedAt: string;
  restoredFrom: number | null;
  diff: string;
}

/** The stored row as the console reads it, its JSON parsed. */
export function toVersion(row: VersionRow): ConfigVersion {
  return { ...row, config: JSON.parse(row.config) as SiteConfig, diff: JSON.parse(row.diff) };
}
