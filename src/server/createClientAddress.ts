import { BlockList, isIP } from 'node:net';

/**
 * Which proxies may say who the client is: the number of proxies in front of
 * the ledger (1 for one nginx), or their addresses and CIDR ranges
 * (`['10.0.0.0/8', '::1']`). Without it `X-Forwarded-For` is ignored, since any
 * client can write that header.
 */
export type TrustProxy = number | readonly string[];

/** `::ffff:10.0.0.1` → `10.0.0.1`; `[::1]:443` → `::1`; `1.2.3.4:80` → `1.2.3.4`. */
function normalize(address: string): string {
  const trimmed = address.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(trimmed);
  const bare = bracketed ? bracketed[1]! : /^[\d.]+:\d+$/.test(trimmed) ? trimmed.slice(0, trimmed.indexOf(':')) : trimmed;
  const lower = bare.toLowerCase();
  return lower.startsWith('::ffff:') && isIP(lower.slice(7)) === 4 ? lower.slice(7) : lower;
}

function trustList(entries: readonly string[]): (address: string) => boolean {
  const list = new BlockList();
  for (const entry of entries) {
    const [address = '', bits] = entry.split('/');
    const family = isIP(normalize(address));
    if (!family) throw new TypeError(`trustProxy: "${entry}" is not an IP address or CIDR range`);
    const type = family === 4 ? 'ipv4' : 'ipv6';
    if (bits === undefined) list.addAddress(normalize(address), type);
    else list.addSubnet(normalize(address), Number(bits), type);
  }
  return (address) => {
    const family = isIP(address);
    return family !== 0 && list.check(address, family === 4 ? 'ipv4' : 'ipv6');
  };
}

/** Longest client key kept: a forwarded entry is client-written text. */
const MAX_KEY = 64;

/**
 * The client's address as the rate limits should see it: the peer, or with
 * `trust` the right-most `X-Forwarded-For` entry not written by a trusted proxy
 * (entries further left were written by the client and prove nothing).
 */
export function createClientAddress(trust: TrustProxy | undefined): (peer: string | undefined, forwardedFor: string | undefined) => string | undefined {
  if (trust === undefined || trust === 0 || (Array.isArray(trust) && trust.length === 0)) return (peer) => peer && normalize(peer);
  const trusted = typeof trust === 'number' ? null : trustList(trust as readonly string[]);
  return (peer, forwardedFor) => {
    if (peer === undefined) return undefined;
    const chain = [...(forwardedFor ?? '').split(',').map(normalize).filter(Boolean), normalize(peer)];
    let index = chain.length - 1;
    if (typeof trust === 'number') index = Math.max(0, index - trust);
    else while (index > 0 && trusted!(chain[index]!)) index--;
    return chain[index]!.slice(0, MAX_KEY);
  };
}
