// The languages beyond English and French that consentkit ships, each as its own
// npm entry (`consentkit/texts/<lang>`) and its own script-tag build
// (`dist/consentkit.<lang>.min.js`), plus `dist/consentkit.all.min.js` with all of
// them. Read by rollup.config.mjs and scripts/sizes.mjs; test/ui/languageBuilds.test.ts
// holds it equal to the modules in src/ui/texts/allLanguages.ts.
export const EXTRA_LANGUAGES = ['de', 'es', 'it', 'nl', 'pt', 'pl'];
