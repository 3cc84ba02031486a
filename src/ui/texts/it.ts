import type { Texts } from './Texts';

/**
 * Italian. The wording follows the Garante's Linee guida cookie e altri
 * strumenti di tracciamento (10 June 2021): "Rifiuta tutti" beside "Accetta
 * tutti", closing the banner keeps only the "cookie tecnici" (strettamente
 * necessari), and consent can be "revocato" at any time.
 */
export const it: Texts = {
  title: 'Cookie',
  text: 'Usiamo i cookie per far funzionare questo sito e, con il tuo consenso, per preferenze, statistiche e marketing. La tua scelta è conservata per {} e puoi modificarla o revocare il consenso in qualsiasi momento.',
  policy: 'Informativa privacy',
  acceptAll: 'Accetta tutti',
  rejectAll: 'Rifiuta tutti',
  customize: 'Personalizza',
  dismiss: 'Continua senza accettare',
  dialogTitle: 'Preferenze sui cookie',
  save: 'Salva le mie scelte',
  saved: 'Scelte salvate.',
  settings: 'Impostazioni cookie',
  close: 'Chiudi',
  services: 'Servizi',
  provider: 'Fornitore',
  purpose: 'Finalità',
  duration: 'Durata',
  cookies: 'Cookie',
  day: 'giorno',
  days: 'giorni',
  month: 'mese',
  months: 'mesi',
  necessary: 'Tecnici strettamente necessari',
  necessaryText: 'Indispensabili al funzionamento del sito.',
  preferences: 'Preferenze',
  preferencesText: 'Ricordano le tue preferenze.',
  analytics: 'Statistiche',
  analyticsText: 'Statistiche di utilizzo anonime.',
  marketing: 'Marketing',
  marketingText: 'Offerte adatte alla tua navigazione.',
  placeholder: 'Carica {service} (accetta i cookie {category})',
};
