// Klaro 0.7: the documented embed, config then klaro.js (CSS and translations
// bundled) with `defer` in <head>; one service per purpose (Klaro's categories).
import { SERVICES as S, TEXT, js, pageHtml } from './shell.mjs';

const service = (/** @type {keyof typeof S} */ id) => ({
  name: S[id].id,
  title: S[id].name,
  purposes: [id],
  cookies: S[id].cookies,
  ...(id == 'necessary' ? { required: true } : { default: false }),
});

const config = {
  version: 1,
  lang: 'en',
  storageMethod: 'cookie',
  default: false,
  mustConsent: false,
  acceptAll: true,
  hideDeclineAll: false,
  groupByPurpose: true,
  noticeAsModal: false,
  htmlTexts: false,
  translations: {
    en: {
      privacyPolicyUrl: TEXT.policyUrl,
      consentNotice: { description: TEXT.message, learnMore: TEXT.customize },
      ok: TEXT.acceptAll,
      acceptAll: TEXT.acceptAll,
      decline: TEXT.rejectAll,
      purposes: { necessary: 'Necessary', preferences: 'Preferences', analytics: 'Analytics', marketing: 'Marketing' },
    },
  },
  services: [service('necessary'), service('preferences'), service('analytics'), service('marketing')],
};

export default {
  name: 'klaro',
  pkg: 'klaro',
  fullFeatured: true,
  html: pageHtml({
    head: `<script>window.klaroConfig = ${js(config)};</script>
<script defer src="/nm/klaro/dist/klaro.js"></script>`,
  }),
};
