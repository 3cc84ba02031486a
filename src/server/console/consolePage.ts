/** The console's policy: its own scripts and styles only, no inline code, framed by nobody. */
export const CONSOLE_CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/** The console's one page: the Preact app mounts in <main>; everything it runs comes from console.js. */
export function consolePage(base: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>consentkit console</title>
<link rel="stylesheet" href="${base}/console/console.css">
<script type="module" src="${base}/console/console.js" data-base="${base}"></script>
</head>
<body>
<div id="app"><noscript>The consentkit console needs JavaScript.</noscript></div>
</body>
</html>
`;
}

/** The preview's policy: the SDK's injected styles carry the page's nonce; framed by the console only. */
export const previewCsp = (nonce: string) =>
  `default-src 'none'; script-src 'self'; style-src 'self' 'nonce-${nonce}'; img-src 'self' data:; frame-ancestors 'self'; base-uri 'none'; form-action 'none'`;

/**
 * The scheme the preview shows. The SDK's elements take the visitor's
 * preferred scheme (`color-scheme: light dark` on `.ck`), which a page cannot
 * set for its frames, so the preview pins it with this stylesheet instead.
 */
export const previewSchemeCss = (scheme: 'light' | 'dark') => `:root, .ck { color-scheme: ${scheme} !important; }\n`;

/** A page the console frames: the real SDK with the draft inlined, on a plain page, in one language and scheme. */
export function previewPage(base: string, language: string, nonce: string, query: string, scheme: 'light' | 'dark'): string {
  return `<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Preview</title>
<link rel="stylesheet" href="${base}/console/preview-${scheme}.css">
<script src="${base}/console/preview.js?${query}" nonce="${nonce}"></script>
<script src="${base}/console/preview-boot.js" defer></script>
</head>
<body>
<p>Your site's page.</p>
</body>
</html>
`;
}
