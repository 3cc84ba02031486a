// Orejime 3: the standard theme's English build and its stylesheet in <head>,
// config first; one purpose per category, the necessary one mandatory.
import { SERVICES as S, TEXT, js, pageHtml } from './shell.mjs';

const purpose = (/** @type {keyof typeof S} */ id) => ({
  id: S[id].id,
  title: S[id].name,
  cookies: S[id].cookies,
  ...(id == 'necessary' ? { isMandatory: true } : {}),
});

const config = {
  privacyPolicyUrl: TEXT.policyUrl,
  purposes: [purpose('necessary'), purpose('preferences'), purpose('analytics'), purpose('marketing')],
  translations: { banner: { accept: TEXT.acceptAll, decline: TEXT.rejectAll, configure: TEXT.customize } },
};

export default {
  name: 'orejime',
  pkg: 'orejime',
  fullFeatured: true,
  html: pageHtml({
    head: `<script>window.orejimeConfig = ${js(config)};</script>
<script src="/nm/orejime/dist/orejime-standard-en.js"></script>
<link rel="stylesheet" href="/nm/orejime/dist/orejime-standard.css">`,
  }),
};
