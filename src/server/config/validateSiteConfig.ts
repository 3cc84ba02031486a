// The one place the console calls the SDK's own config validation, so that a
// change of normalizeConfig's signature is a one-line fix here.
import { LANGUAGE_TAG } from '../../core/chooseLanguage';
import { normalizeConfig } from '../../core/normalizeConfig';
import { ALL_LANGUAGES } from '../../ui/texts/allLanguages';
import type { SiteConfig } from './SiteConfig';
import { toConsentKitConfig } from './toConsentKitConfig';

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Whether the console can store and edit it at all (a draft may still fail the SDK's checks). */
export function siteConfigShapeErrors(input: unknown): string[] {
  if (!isObject(input)) return ['the configuration must be an object'];
  const site = input as unknown as SiteConfig;
  const errors: string[] = [];
  if (!Array.isArray(site.categories)) return ['"categories" must be a list'];
  const ids = site.categories.map((category) => (isObject(category) ? category.id : undefined));
  for (const [index, id] of ids.entries()) {
    if (typeof id !== 'string') errors.push(`"categories[${index}]" must have an id`);
    else if (ids.indexOf(id) !== index) errors.push(`category "${id}" is listed twice`);
    else if (!Array.isArray(site.categories[index]?.services)) errors.push(`"categories.${id}.services" must be a list`);
  }
  for (const id of ['necessary', 'preferences', 'analytics', 'marketing']) if (!ids.includes(id)) errors.push(`the built-in category "${id}" cannot be removed`);
  if (!isObject(site.texts)) errors.push('"texts" must be an object');
  else for (const language of Object.keys(site.texts)) if (!LANGUAGE_TAG.test(language)) errors.push(`"texts.${language}" is not a language tag`);
  const { languages } = site;
  const known = Object.keys(ALL_LANGUAGES);
  if (languages !== undefined && !(Array.isArray(languages) && languages.every((code, index) => known.includes(code) && languages.indexOf(code) === index))) {
    errors.push(`"languages" must list each language at most once, among ${known.join(', ')}`);
  }
  if ('countImpressions' in input && typeof input.countImpressions !== 'boolean') errors.push('"countImpressions" must be true or false');
  const extra = Object.keys(input).filter((key) => !['policyVersion', 'policyUrl', 'categories', 'blocking', 'languages', 'texts', 'consentMode', 'gpc', 'countImpressions'].includes(key));
  for (const key of extra) errors.push(`unknown key "${key}"`);
  return errors;
}

/**
 * Every reason the SDK would reject this configuration, or would silently
 * drop part of it: exactly what normalizeConfig reports, after the shape the
 * console relies on (unique category ids, languages as tags). [] means it can
 * be published.
 */
export function validateSiteConfig(input: unknown): string[] {
  const errors = siteConfigShapeErrors(input);
  return errors.length ? errors : normalizeConfig(toConsentKitConfig(input as SiteConfig)).errors;
}
