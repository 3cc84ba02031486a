// The script-tag entry of dist/consentkit.it.min.js: English, French and Italian.
import { it } from '../ui/texts/it';
import { startWithLanguages } from './startWithLanguages';

startWithLanguages({ it });
