// The script-tag entry of dist/consentkit.es.min.js: English, French and Spanish.
import { es } from '../ui/texts/es';
import { startWithLanguages } from './startWithLanguages';

startWithLanguages({ es });
