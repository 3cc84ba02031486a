// vanilla-cookieconsent 3: UMD build + its stylesheet, run() at the end of <body>
// as its docs show; opt-in (its default mode), consent modal shown automatically.
import { SERVICES as S, TEXT, js, pageHtml } from './shell.mjs';

const section = (/** @type {keyof typeof S} */ id) => ({ title: S[id].name, description: `${id} cookies`, linkedCategory: id });

const config = {
  mode: 'opt-in',
  autoShow: true,
  // It hides itself from automated browsers (navigator.webdriver), which this benchmark is.
  hideFromBots: false,
  categories: { necessary: { enabled: true, readOnly: true }, preferences: {}, analytics: {}, marketing: {} },
  language: {
    default: 'en',
    translations: {
      en: {
        consentModal: {
          title: TEXT.title,
          description: TEXT.message,
          acceptAllBtn: TEXT.acceptAll,
          acceptNecessaryBtn: TEXT.rejectAll,
          showPreferencesBtn: TEXT.customize,
          footer: `<a href="${TEXT.policyUrl}">Privacy policy</a>`,
        },
        preferencesModal: {
          title: 'Cookie preferences',
          acceptAllBtn: TEXT.acceptAll,
          acceptNecessaryBtn: TEXT.rejectAll,
          savePreferencesBtn: 'Save my choices',
          closeIconLabel: 'Close',
          sections: [section('necessary'), section('preferences'), section('analytics'), section('marketing')],
        },
      },
    },
  },
};

export default {
  name: 'vanilla-cookieconsent',
  pkg: 'vanilla-cookieconsent',
  fullFeatured: true,
  html: pageHtml({
    head: '<link rel="stylesheet" href="/nm/vanilla-cookieconsent/dist/cookieconsent.css">',
    body: `<script src="/nm/vanilla-cookieconsent/dist/cookieconsent.umd.js"></script>
<script>CookieConsent.run(${js(config)});</script>`,
  }),
};
