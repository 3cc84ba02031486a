// The script-tag entry of dist/consentkit.all.min.js: every language consentkit writes.
import { ALL_LANGUAGES } from '../ui/texts/allLanguages';
import { startWithLanguages } from './startWithLanguages';

startWithLanguages(ALL_LANGUAGES);
