// Osano cookieconsent 3.1.1: its script and stylesheet with the initialise()
// call its generator emits (on window load). It knows no categories: one opt-in
// switch for all cookies, so it is not counted as full-featured.
import { TEXT, js, pageHtml } from './shell.mjs';

const config = {
  type: 'opt-in',
  position: 'bottom',
  content: { message: TEXT.message, allow: TEXT.acceptAll, deny: TEXT.rejectAll, link: 'Privacy policy', href: TEXT.policyUrl },
};

export default {
  name: 'cookieconsent',
  pkg: 'cookieconsent',
  fullFeatured: false,
  html: pageHtml({
    head: `<link rel="stylesheet" href="/nm/cookieconsent/build/cookieconsent.min.css">
<script src="/nm/cookieconsent/build/cookieconsent.min.js"></script>
<script>window.addEventListener('load', function () { window.cookieconsent.initialise(${js(config)}); });</script>`,
  }),
};
