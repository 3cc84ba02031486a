// The script-tag entry of dist/consentkit.nl.min.js: English, French and Dutch.
import { nl } from '../ui/texts/nl';
import { startWithLanguages } from './startWithLanguages';

startWithLanguages({ nl });
