// The libraries compared, consentkit first (the reference of every ratio), and
// the page without any library last.
import baseline from './baseline.mjs';
import consentkit from './consentkit.mjs';
import cookieconsent from './cookieconsent.mjs';
import klaro from './klaro.mjs';
import orejime from './orejime.mjs';
import tarteaucitron from './tarteaucitron.mjs';
import vanillaCookieconsent from './vanilla-cookieconsent.mjs';

/** @typedef {{ name: string, pkg: string|null, version?: string, fullFeatured: boolean, html: string }} Library */

/** @type {Library[]} */
export const LIBRARIES = [consentkit, vanillaCookieconsent, klaro, orejime, tarteaucitron, cookieconsent, baseline];
