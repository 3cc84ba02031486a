export { createBrowserFakes, createFakeClock, createMemorySlot, DAY, makeCore } from '../core/fakes';

/** window.dataLayer as gtag.js would read it. */
export const dataLayer = (): unknown[] => (window as unknown as { dataLayer?: unknown[] }).dataLayer ?? [];

/** The `gtag('consent', …)` commands in dataLayer, as [kind, signals] pairs. */
export const consentCommands = () =>
  dataLayer()
    .filter((entry) => (entry as ArrayLike<unknown>)[0] === 'consent')
    .map((entry) => [(entry as ArrayLike<unknown>)[1], (entry as ArrayLike<unknown>)[2]]);

export const isArguments = (value: unknown) => Object.prototype.toString.call(value) === '[object Arguments]';

export const resetPage = () => {
  delete (window as unknown as { dataLayer?: unknown }).dataLayer;
  delete (window as unknown as { gtag?: unknown }).gtag;
};

/** What Consent Mode's default says: every type denied but security_storage. */
export const DENIED = {
  ad_storage: 'denied',
  ad_user_data: 'denied',
  ad_personalization: 'denied',
  analytics_storage: 'denied',
  functionality_storage: 'denied',
  personalization_storage: 'denied',
  security_storage: 'granted',
};
