import type { Texts } from './Texts';

/**
 * German. The wording follows the German supervisory authorities' guidance on
 * consent banners (DSK, Orientierungshilfe der Aufsichtsbehörden für Anbieter
 * von Telemedien, 2022; BfDI): "Alle ablehnen" beside "Alle akzeptieren" on
 * the first layer, "unbedingt erforderlich" as § 25 TDDDG words the exempt
 * cookies, and consent that can be "widerrufen" at any time.
 */
export const de: Texts = {
  title: 'Cookies',
  text: 'Wir verwenden Cookies, um diese Website zu betreiben, und, wenn Sie einwilligen, für Präferenzen, Statistik und Marketing. Ihre Auswahl wird {} gespeichert; Sie können sie jederzeit ändern und Ihre Einwilligung widerrufen.',
  policy: 'Datenschutzerklärung',
  acceptAll: 'Alle akzeptieren',
  rejectAll: 'Alle ablehnen',
  customize: 'Anpassen',
  dismiss: 'Ohne Einwilligung fortfahren',
  dialogTitle: 'Cookie-Einstellungen',
  save: 'Auswahl speichern',
  saved: 'Auswahl gespeichert.',
  settings: 'Cookies verwalten',
  close: 'Schließen',
  services: 'Dienste',
  provider: 'Anbieter',
  purpose: 'Zweck',
  duration: 'Speicherdauer',
  cookies: 'Cookies',
  day: 'Tag',
  days: 'Tage',
  month: 'Monat',
  months: 'Monate',
  necessary: 'Unbedingt erforderlich',
  necessaryText: 'Für den Betrieb dieser Website erforderlich.',
  preferences: 'Präferenzen',
  preferencesText: 'Speichern Ihre Einstellungen.',
  analytics: 'Statistik',
  analyticsText: 'Anonyme Nutzungsstatistiken.',
  marketing: 'Marketing',
  marketingText: 'Auf Ihr Surfverhalten zugeschnittene Angebote.',
  placeholder: '{service} laden (Cookies für {category} akzeptieren)',
};
