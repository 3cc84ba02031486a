// The texts' one door for the rest of the code (the UI and the gating placeholder).
export { BUILT_IN_TEXTS } from './builtInTexts';
export { categoryLabel } from './categoryLabel';
export { en } from './en';
export { fr } from './fr';
export { keptFor } from './keptFor';
export { textsFor } from './textsFor';
export type { ResolvedTexts, Texts } from './Texts';
