// The script-tag entry of dist/consentkit.de.min.js: English, French and German.
import { de } from '../ui/texts/de';
import { startWithLanguages } from './startWithLanguages';

startWithLanguages({ de });
