import type { Texts } from './Texts';

/**
 * Polish. The wording follows UODO's guidance on consent under the RODO
 * (art. 7: "wycofanie zgody" as easy as giving it) and the "niezbędne"
 * cookies that art. 399 of Prawo komunikacji elektronicznej exempts:
 * "Odrzuć wszystkie" beside "Akceptuj wszystkie" on the first layer.
 */
export const pl: Texts = {
  title: 'Pliki cookie',
  text: 'Używamy plików cookie, aby ta strona działała, a jeśli wyrazisz zgodę, także do zapamiętywania preferencji, statystyk i marketingu. Twój wybór jest przechowywany przez {}; możesz go w każdej chwili zmienić i wycofać zgodę.',
  policy: 'Polityka prywatności',
  acceptAll: 'Akceptuj wszystkie',
  rejectAll: 'Odrzuć wszystkie',
  customize: 'Dostosuj',
  dismiss: 'Kontynuuj bez akceptacji',
  dialogTitle: 'Preferencje plików cookie',
  save: 'Zapisz mój wybór',
  saved: 'Wybór zapisany.',
  settings: 'Ustawienia plików cookie',
  close: 'Zamknij',
  services: 'Usługi',
  provider: 'Dostawca',
  purpose: 'Cel',
  duration: 'Okres przechowywania',
  cookies: 'Pliki cookie',
  day: 'dzień',
  days: 'dni',
  month: 'miesiąc',
  months: 'miesięcy',
  // Polish says 2–4 (and 22–24…) months with its own form.
  monthsFew: 'miesiące',
  necessary: 'Niezbędne',
  necessaryText: 'Konieczne do działania strony.',
  preferences: 'Preferencje',
  preferencesText: 'Zapamiętują Twoje preferencje.',
  analytics: 'Analityczne',
  analyticsText: 'Anonimowe statystyki korzystania ze strony.',
  marketing: 'Marketingowe',
  marketingText: 'Oferty dopasowane do Twojego przeglądania.',
  placeholder: 'Wczytaj {service} (zaakceptuj pliki cookie: {category})',
};
