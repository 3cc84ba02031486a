import type { Texts } from './Texts';

/**
 * Dutch. The wording follows the Autoriteit Persoonsgegevens' guidance
 * "Heldere en misleidende cookiebanners": "Alles weigeren" as easy as
 * "Alles accepteren", "functionele" cookies that are strikt noodzakelijk
 * need no consent, and consent can be "ingetrokken" at any time.
 */
export const nl: Texts = {
  title: 'Cookies',
  text: 'Wij gebruiken cookies om deze website te laten werken en, als u toestemming geeft, voor voorkeuren, statistieken en marketing. Uw keuze wordt {} bewaard; u kunt die altijd wijzigen en uw toestemming intrekken.',
  policy: 'Privacyverklaring',
  acceptAll: 'Alles accepteren',
  rejectAll: 'Alles weigeren',
  customize: 'Aanpassen',
  dismiss: 'Doorgaan zonder te accepteren',
  dialogTitle: 'Cookievoorkeuren',
  save: 'Mijn keuzes opslaan',
  saved: 'Keuzes opgeslagen.',
  settings: 'Cookie-instellingen',
  close: 'Sluiten',
  services: 'Diensten',
  provider: 'Aanbieder',
  purpose: 'Doel',
  duration: 'Bewaartermijn',
  cookies: 'Cookies',
  day: 'dag',
  days: 'dagen',
  month: 'maand',
  months: 'maanden',
  necessary: 'Functioneel (strikt noodzakelijk)',
  necessaryText: 'Nodig om deze website te laten werken.',
  preferences: 'Voorkeuren',
  preferencesText: 'Onthouden uw voorkeuren.',
  analytics: 'Statistieken',
  analyticsText: 'Anonieme gebruiksstatistieken.',
  marketing: 'Marketing',
  marketingText: 'Aanbiedingen afgestemd op uw surfgedrag.',
  placeholder: '{service} laden (cookies voor {category} accepteren)',
};
