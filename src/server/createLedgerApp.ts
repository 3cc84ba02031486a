import { type ConsoleOptions, createConsoleApp } from './console/createConsoleApp';
import { type ClientInfo, type LedgerHandler, type LedgerHandlerOptions, createLedgerHandler } from './createLedgerHandler';

export interface LedgerAppOptions extends LedgerHandlerOptions, Omit<ConsoleOptions, 'basePath' | 'clock'> {}

/** Paths of the console and of the configuration's delivery, below the base path. */
const CONSOLE_PATH = /^\/(consentkit\.js|config\.json|console(\/.*)?)$/;

/**
 * The ledger with its console: `{base}/console/*`, `{base}/consentkit.js` and
 * `{base}/config.json` go to the console, everything else to the ledger's own
 * handler, unchanged. A Web-standard handler like createLedgerHandler's.
 */
export function createLedgerApp(options: LedgerAppOptions): LedgerHandler {
  const base = (options.basePath ?? '/api/consent').replace(/\/+$/, '');
  const ledger = createLedgerHandler(options);
  const consoleApp = createConsoleApp({ ...options, basePath: base, ...(options.clock ? { clock: options.clock } : {}) });
  return async (request: Request, info: ClientInfo = {}) => {
    let path = '';
    try {
      path = new URL(request.url).pathname;
    } catch {
      // A malformed URL is the ledger's to answer (400).
    }
    if (path.startsWith(base + '/') && CONSOLE_PATH.test(path.slice(base.length))) return consoleApp.fetch(request, info);
    return ledger(request, info);
  };
}
