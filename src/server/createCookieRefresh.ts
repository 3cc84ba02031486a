import { decodeRecord } from '../core/record';

export interface ConsentCookieOptions {
  /** Name of the SDK's consent cookie (its `cookie.name`). @default 'consentkit' */
  name?: string;
  /** The cookie's Domain, as the SDK's `cookie.domain`, e.g. 'example.com' when the ledger is consent.example.com and the page www.example.com. @default none (host-only) */
  domain?: string;
  /** The SDK's `cookie.maxAgeDays`: the decision expires this long after it was made. @default 182 */
  maxAgeDays?: number;
}

const DAY = 86_400_000;
const NAME = /^[\w!#$%&'*+.^`|~-]{1,64}$/;
const DOMAIN = /^\.?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/i;

/** The raw value of the first cookie called `name` in a Cookie header. */
function readCookie(header: string | null, name: string): string | null {
  for (const pair of (header ?? '').split(';')) {
    const eq = pair.indexOf('=');
    if (eq > 0 && pair.slice(0, eq).trim() === name) return pair.slice(eq + 1).trim();
  }
  return null;
}

/**
 * Safari (Intelligent Tracking Prevention) keeps a cookie written by script
 * for 7 days at most, so a six-month decision would be asked again weekly. A
 * cookie set by a same-site server answer is not capped: when a same-site page
 * posts receipts, the ledger sends its consent cookie back with Set-Cookie,
 * same value and attributes as the SDK writes, not HttpOnly (the SDK reads it).
 * Returns that Set-Cookie value, or null when the request does not qualify.
 */
export function createCookieRefresh(options: ConsentCookieOptions, context: { now: () => number; publicUrl?: string | undefined }): (request: Request, originAllowed: boolean) => string | null {
  const name = options.name ?? 'consentkit';
  const maxAgeDays = options.maxAgeDays ?? 182;
  if (!NAME.test(name)) throw new TypeError(`consentCookie.name: "${name}" is not a cookie name`);
  if (options.domain !== undefined && !DOMAIN.test(options.domain)) throw new TypeError(`consentCookie.domain: "${options.domain}" is not a domain`);
  if (!(maxAgeDays > 0 && maxAgeDays <= 400)) throw new TypeError('consentCookie.maxAgeDays must be from 1 to 400');
  const publicHttps = context.publicUrl?.startsWith('https:') ?? false;

  return (request, originAllowed) => {
    // Sec-Fetch-Site is written by the browser alone; a cross-site page never gets the cookie.
    const site = request.headers.get('sec-fetch-site');
    if ((site !== 'same-origin' && site !== 'same-site') || !originAllowed) return null;
    const raw = readCookie(request.headers.get('cookie'), name);
    let value: string;
    try {
      value = decodeURIComponent(raw ?? '');
    } catch {
      return null;
    }
    const record = decodeRecord(value);
    const now = context.now();
    if (!record || record.ts > now + DAY) return null;
    const maxAge = Math.floor((record.ts + maxAgeDays * DAY - now) / 1000);
    if (maxAge <= 0) return null;
    const origin = request.headers.get('origin');
    const secure = origin ? origin.startsWith('https:') : publicHttps;
    const domain = options.domain ? `; Domain=${options.domain}` : '';
    return `${name}=${encodeURIComponent(value)}; Path=/; Max-Age=${maxAge}${domain}; SameSite=Lax${secure ? '; Secure' : ''}`;
  };
}
