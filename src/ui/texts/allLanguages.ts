import type { Texts } from './Texts';
import { de } from './de';
import { en } from './en';
import { es } from './es';
import { fr } from './fr';
import { it } from './it';
import { nl } from './nl';
import { pl } from './pl';
import { pt } from './pt';

/**
 * Every language consentkit writes, by code: what `consentkit.all.min.js`
 * carries and what the ledger can inline for a site that enables it. The
 * default script tag and the npm module carry only English and French
 * (`BUILT_IN_TEXTS`); the others are imported one by one.
 */
export const ALL_LANGUAGES: Readonly<Record<string, Texts>> = { en, fr, de, es, it, nl, pt, pl };
