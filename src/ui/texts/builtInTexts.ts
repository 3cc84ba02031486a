import type { Texts } from './Texts';
import { en } from './en';
import { fr } from './fr';

/**
 * The languages the script-tag build carries, by language code. More
 * languages arrive as modules shaped like `en.ts`, each importable on its own,
 * so an npm bundle holds only the ones it names.
 */
export const BUILT_IN_TEXTS: Readonly<Record<string, Texts>> = { en, fr };
