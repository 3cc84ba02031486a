// The preview page's second script: opens the layer the console asked for
// (`?view=banner|dialog`) once the SDK has started. No inline script: the
// preview holds the same strict CSP as the console.
const view = new URLSearchParams(location.search).get('view');
const kit = (window as { consentkit?: { show(): void; showPreferences(): void } }).consentkit;
if (view === 'dialog') kit?.showPreferences();
else kit?.show();
