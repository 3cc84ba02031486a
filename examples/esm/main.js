import { createConsentKit } from 'consentkit';

const ck = createConsentKit({
  endpoint: '/api/consent',
  policyVersion: '2018-05-24',
  policyUrl: '/privacy.html',
  categories: { analytics: { services: [{ name: 'Audience statistics', cookies: ['_demo_ga', /^_demo_ga_/] }] } },
});
ck.whenGranted('analytics', () => {
  document.getElementById('status').textContent = 'Analytics granted: starting statistics.';
});
ck.on('change', ({ revoked }) => {
  if (revoked.includes('analytics')) document.getElementById('status').textContent = 'Analytics withdrawn.';
});
document.getElementById('prefs').addEventListener('click', () => ck.showPreferences());
