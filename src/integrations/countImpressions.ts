import type { ConsentCore } from '../core/createConsentCore';
import type { Transport } from '../platform/Platform';

/**
 * The ledger's anonymous impression counter, for a true consent rate: when
 * the banner is first shown on this page, one POST to `url`
 * (`{endpoint}/impressions`) whose body is the visitor's language and nothing
 * else. No cookie goes with it (`credentials: 'omit'`), it carries no id, and
 * its answer is not read: a ledger that does not count impressions (404)
 * changes nothing here. Returns the cleanup.
 */
export function countImpressions(core: ConsentCore, transport: Transport, url: string, language: string): () => void {
  const off = core.on('show', ({ layer }) => {
    if (layer !== 'banner') return;
    off();
    // A string body goes as text/plain: a simple request, with no CORS preflight.
    transport.fetch(url, { method: 'POST', credentials: 'omit', keepalive: true, body: JSON.stringify({ language }) }).catch(() => {});
  });
  return off;
}
