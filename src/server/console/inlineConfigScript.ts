/** U+2028 and U+2029 end a line in older JS parsers; < and > so that no `</script>` or `<!--` appears if the file is ever pasted into a page. */
const UNSAFE = /[<>&\u2028\u2029]/g;
const escapeChar = (char: string) => '\\u' + char.charCodeAt(0).toString(16).padStart(4, '0');

/**
 * Lays the page's own `window.consentkitConfig` (`p`) over the published one
 * (`c`), merging `texts` language by language: a page that sets
 * `texts.de.acceptAll` keeps the rest of the German the ledger inlined. A
 * `texts` or a language that is not an object is left as the page gave it,
 * for the SDK to report. Plain ES5, as it runs before the SDK.
 */
const LAY_OVER_WITH_TEXTS =
  "function(c,p){var t=p&&p.texts,k;if(t&&typeof t=='object'&&!Array.isArray(t)){t=Object.assign({},c.texts,t);" +
  "for(k in c.texts)if(p.texts[k]&&typeof p.texts[k]=='object')t[k]=Object.assign({},c.texts[k],p.texts[k]);" +
  'p=Object.assign({},p,{texts:t})}return Object.assign(c,p)}';

/**
 * The script-tag build preceded by the configuration as data: a JSON string
 * literal handed to JSON.parse, never code or HTML. A text containing
 * `</script>`, quotes or U+2028 stays one string. A `window.consentkitConfig`
 * set by the page before the tag is laid over it (the page's object wins, as
 * it does over `data-*` attributes).
 *
 * @param inlinedLanguages the configuration carries languages' texts the
 *   script does not (German…): the page's `texts` are then merged into them
 *   rather than replacing them. Without, the prefix stays the short one, so a
 *   site in English and French gets not one byte more. @default false
 */
export function inlineConfigScript(config: unknown, sdk: string, inlinedLanguages = false): string {
  const literal = JSON.stringify(JSON.stringify(config)).replace(UNSAFE, escapeChar);
  if (inlinedLanguages) return `window.consentkitConfig=(${LAY_OVER_WITH_TEXTS})(JSON.parse(${literal}),window.consentkitConfig);\n${sdk}`;
  return `window.consentkitConfig=Object.assign(JSON.parse(${literal}),window.consentkitConfig);\n${sdk}`;
}
