// The script-tag entry of dist/consentkit.pl.min.js: English, French and Polish.
import { pl } from '../ui/texts/pl';
import { startWithLanguages } from './startWithLanguages';

startWithLanguages({ pl });
