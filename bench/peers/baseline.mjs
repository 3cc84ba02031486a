// No consent manager at all: the same page with a plain "Accept all" button in
// its HTML. Its figures are the floor every library starts from (the page, the
// probe, the browser), so a library's own cost is its figure minus this one.
import { TEXT, pageHtml } from './shell.mjs';

export default {
  name: 'baseline',
  pkg: null,
  version: '(no library)',
  fullFeatured: false,
  html: pageHtml({
    body: `<div id="bl" style="position:fixed;inset:auto 0 0;background:#fff;padding:1em"><button>${TEXT.acceptAll}</button></div>
<script>document.getElementById('bl').onclick = function () { this.remove(); };</script>`,
  }),
};
