// What every library's page shares: the same article, the same four categories
// with one example service each, the same button labels. Only the library's own
// tags differ, so differences in the figures come from the library.

/** One example service per category, the same for every library. */
export const SERVICES = {
  necessary: { id: 'session', name: 'Session', cookies: ['sid'] },
  preferences: { id: 'language', name: 'Language choice', cookies: ['lang'] },
  analytics: { id: 'stats', name: 'Audience statistics', cookies: ['_ga'] },
  marketing: { id: 'ads', name: 'Ad pixel', cookies: ['_fbp'] },
};

export const TEXT = {
  title: 'Cookies',
  message: 'We use cookies to run this site and, if you agree, for preferences, audience measurement and marketing.',
  acceptAll: 'Accept all',
  rejectAll: 'Reject all',
  customize: 'Customize',
  policyUrl: '/privacy',
};

const PARAGRAPH =
  '<p>Webinars bring teams together across distances. This page stands for any content page of a site: a header, an article of several paragraphs and a picture whose box is reserved, so that a consent banner pushing content around shows up as layout shift.</p>';

/**
 * The page: `head` goes at the top of <head>, `body` at the end of <body>, where each library's documentation puts its tags.
 * @param {{ head?: string, body?: string }} parts
 */
export function pageHtml({ head = '', body = '' }) {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Bench page</title>
${head}
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:46rem;margin:0 auto;padding:1rem}.pic{width:100%;aspect-ratio:16/9;background:#dde}</style>
</head>
<body>
<header><h1>Webinar platform</h1><nav><a href="/">Home</a> · <a href="/privacy">Privacy</a></nav></header>
<main>
${PARAGRAPH.repeat(3)}
<div class="pic" role="img" aria-label="A picture"></div>
${PARAGRAPH.repeat(6)}
</main>
${body}
</body>
</html>`;
}

/** @param {unknown} value a JSON-able config, inlined in a script */
export const js = (value) => JSON.stringify(value).replace(/</g, '\\u003c');
