import type { TextOverrides } from '../core/config';

// key|English|French (empty French = same as English), one row per `~` (the
// backslashes only continue the line). Category labels are keyed by category
// id, descriptions by `<id>Text`. A table, not two objects, so each key is
// shipped once.
const TABLE = `title|Cookies|~\
text|We use cookies to run this site and, if you agree, for preferences, statistics and marketing. Your choice is kept for {} and can be changed at any time.|Ce site utilise des cookies pour fonctionner et, si vous l'acceptez, pour les préférences, les statistiques et le marketing. Votre choix est conservé {} et modifiable à tout moment.~\
policy|Privacy policy|Politique de confidentialité~\
acceptAll|Accept all|Tout accepter~\
rejectAll|Reject all|Tout refuser~\
customize|Customize|Personnaliser~\
dismiss|Continue without accepting|Continuer sans accepter~\
dialogTitle|Cookie preferences|Préférences des cookies~\
save|Save my choices|Enregistrer mes choix~\
saved|Choices saved.|Choix enregistrés.~\
settings|Cookie settings|Paramètres des cookies~\
close|Close|Fermer~\
services|Services|~\
provider|Provider|Fournisseur~\
purpose|Purpose|Finalité~\
duration|Duration|Durée~\
cookies|Cookies|~\
months|months|mois~\
days|days|jours~\
necessary|Strictly necessary|Strictement nécessaires~\
necessaryText|Required to run this site.|Requis pour que le site fonctionne.~\
preferences|Preferences|Préférences~\
preferencesText|Remember your preferences.|Mémorisent vos préférences.~\
analytics|Analytics|Mesure d'audience~\
analyticsText|Anonymous usage statistics.|Statistiques d'utilisation anonymes.~\
marketing|Marketing|~\
marketingText|Offers tailored to your browsing.|Offres adaptées à votre navigation.~\
placeholder|Load {service} (accept {category} cookies)|Charger {service} (accepter les cookies {category})`;

type Key =
  | 'title' | 'text' | 'policy' | 'acceptAll' | 'rejectAll' | 'customize' | 'dismiss' | 'dialogTitle' | 'save' | 'saved'
  | 'settings' | 'close' | 'services' | 'provider' | 'purpose' | 'duration' | 'cookies' | 'months' | 'days' | 'placeholder';

/** Every text of the banner and the dialog, by key (see TABLE). */
export type Texts = Record<Key, string> & Record<string, string | undefined>;

/** The texts for `language`: the site's overrides, then the built-in language, then English. */
export function textsFor(language: string, overrides: TextOverrides): Texts {
  const texts: Record<string, string> = {};
  for (const line of TABLE.split('~')) {
    const [key, english, french] = line.split('|') as [string, string, string];
    texts[key] = (language == 'fr' && french) || english;
  }
  return { ...texts, ...overrides[language] } as Texts;
}

/** How long a decision is kept, in words: "6 months" for 182 days. */
export function keptFor(days: number, t: Texts): string {
  const months = days >= 60;
  return Math.round(months ? days / 30.4 : days) + ' ' + (months ? t.months : t.days);
}

/** A category's name for the visitor: the site's label, else the built-in one, else its id. */
export const categoryLabel = (category: { id: string; label: string | null }, t: Texts): string => category.label ?? t[category.id] ?? category.id;
