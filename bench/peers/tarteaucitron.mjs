// tarteaucitron.js 1.34: the minified script in <head>, which then loads its
// English texts, its services catalogue and its stylesheet itself. It has no
// "necessary" service type: `mandatory` lists necessary cookies; the other three
// categories map to its types other / analytic / ads, one custom service each.
import { SERVICES as S, TEXT, js, pageHtml } from './shell.mjs';

const TYPES = { preferences: 'other', analytics: 'analytic', marketing: 'ads' };

const services = Object.entries(TYPES)
  .map(([id, type]) => {
    const s = S[/** @type {keyof typeof TYPES} */ (id)];
    const def = { key: s.id, type, name: s.name, needConsent: true, cookies: s.cookies };
    return `tarteaucitron.services[${js(s.id)}] = Object.assign(${js(def)}, { js: function () {}, fallback: function () {} });
(tarteaucitron.job = tarteaucitron.job || []).push(${js(s.id)});`;
  })
  .join('\n');

const init = {
  privacyUrl: TEXT.policyUrl,
  orientation: 'bottom',
  groupServices: true,
  highPrivacy: true,
  DenyAllCta: true,
  AcceptAllCta: true,
  mandatory: true,
  showAlertSmall: false,
  useExternalCss: false,
  useExternalJs: false,
  googleConsentMode: false,
  bingConsentMode: false,
  pianoConsentMode: false,
};

export default {
  name: 'tarteaucitron',
  pkg: 'tarteaucitronjs',
  fullFeatured: true,
  html: pageHtml({
    head: `<script src="/nm/tarteaucitronjs/tarteaucitron.min.js"></script>
<script>
window.tarteaucitronCustomText = ${js({ acceptAll: TEXT.acceptAll, denyAll: TEXT.rejectAll, personalize: TEXT.customize, alertBigPrivacy: TEXT.message })};
tarteaucitron.init(${js(init)});
${services}
</script>`,
  }),
};
