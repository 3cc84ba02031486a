/** U+2028 and U+2029 end a line in older JS parsers; < and > so that no `</script>` or `<!--` appears if the file is ever pasted into a page. */
const UNSAFE = /[<>&\u2028\u2029]/g;
const escapeChar = (char: string) => '\\u' + char.charCodeAt(0).toString(16).padStart(4, '0');

/**
 * The script-tag build preceded by the configuration as data: a JSON string
 * literal handed to JSON.parse, never code or HTML. A text containing
 * `</script>`, quotes or U+2028 stays one string. A `window.consentkitConfig`
 * set by the page before the tag is laid over it (the page's object wins, as
 * it does over `data-*` attributes).
 */
export function inlineConfigScript(config: unknown, sdk: string): string {
  const literal = JSON.stringify(JSON.stringify(config)).replace(UNSAFE, escapeChar);
  return `window.consentkitConfig=Object.assign(JSON.parse(${literal}),window.consentkitConfig);\n${sdk}`;
}
