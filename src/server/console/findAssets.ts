import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The folder holding the built SDK and console (`consentkit.min.js`,
 * `console.js`, `console.css`): beside dist/server.mjs when running from the
 * package, or the repository's dist/ when running from the sources.
 */
export function findAssets(): string {
  for (const relative of ['./', '../../../dist/']) {
    const dir = fileURLToPath(new URL(relative, import.meta.url));
    if (existsSync(dir + 'consentkit.min.js')) return dir;
  }
  return fileURLToPath(new URL('./', import.meta.url));
}
