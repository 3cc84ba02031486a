// The demo site's consent configuration, loaded before consentkit.min.js.
// A marketer maps each service to a category here; the tags in the pages only
// say which category they need.
window.consentkitConfig = {
  endpoint: '/api/consent',
  policyVersion: '2018-05-24',
  policyUrl: '/privacy.html',
  categories: {
    analytics: {
      services: [{ name: 'Audience statistics', provider: 'Demo Stats (local stand-in)', purpose: 'Counts visits to improve the webinars', duration: '13 months', cookies: ['_demo_ga', '_demo_ga_*'] }],
    },
    marketing: {
      services: [
        { name: 'Ad pixel', provider: 'Demo Ads (local stand-in)', purpose: 'Measures the webinar campaigns', duration: '3 months', cookies: ['_demo_fbp'] },
        { name: 'Video player', provider: 'Demo Video (local stand-in)', purpose: 'Plays the embedded webinar replay', duration: 'session' },
      ],
    },
  },
};
