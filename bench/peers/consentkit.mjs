// consentkit: the script-tag build (CSS injected, English and French), in <head> as documented.
import { SERVICES as S, TEXT, js, pageHtml } from './shell.mjs';

const service = (/** @type {{ name: string, cookies: string[] }} */ s) => ({ services: [{ name: s.name, cookies: s.cookies }] });

export default {
  name: 'consentkit',
  pkg: null,
  fullFeatured: true,
  html: pageHtml({
    head: `<script>window.consentkitConfig = ${js({
      language: 'en',
      policyVersion: '2018-05-24',
      policyUrl: TEXT.policyUrl,
      categories: { necessary: service(S.necessary), preferences: service(S.preferences), analytics: service(S.analytics), marketing: service(S.marketing) },
    })};</script>
<script src="/dist/consentkit.min.js"></script>`,
  }),
};
