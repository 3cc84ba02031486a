// The script-tag entry of dist/consentkit.pt.min.js: English, French and Portuguese.
import { pt } from '../ui/texts/pt';
import { startWithLanguages } from './startWithLanguages';

startWithLanguages({ pt });
