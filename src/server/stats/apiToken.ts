import { createHash, randomBytes } from 'node:crypto';
import type { ConfigStore } from '../config/ConfigStore';
import type { StatsStore } from './StatsStore';

/** Token names follow console account names. */
const TOKEN_NAME = /^[\w.@-]{1,64}$/;

/** A new API token: 256 random bits, prefixed so it is recognisable in a secret scanner or a config file. */
const newApiToken = () => 'ckst_' + randomBytes(32).toString('base64url');

/** What the database keeps of a token: its SHA-256 (the token has 256 bits of entropy, so no slow hash is needed). */
export const apiTokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * `consentkit-ledger token add NAME`: creates a token for `{base}/stats` and
 * answers it, the only time it is ever seen; the database keeps its hash. A
 * taken name is refused (revoke it first). Logged as `token.add`.
 */
export async function addApiToken(stats: StatsStore, audit: ConfigStore, name: string, at = new Date().toISOString()): Promise<string> {
  if (!TOKEN_NAME.test(name)) throw new RangeError('a token name is 1 to 64 letters, digits, _ . @ or -');
  const token = newApiToken();
  if (!(await stats.addToken(name, apiTokenHash(token), at))) throw new RangeError(`a token named ${name} exists; revoke it first (consentkit-ledger token revoke ${name})`);
  await audit.log('cli', 'token.add', at, { name });
  return token;
}

/** `consentkit-ledger token revoke NAME`: the token stops working at once. False when there was none. Logged as `token.revoke`. */
export async function revokeApiToken(stats: StatsStore, audit: ConfigStore, name: string, at = new Date().toISOString()): Promise<boolean> {
  const revoked = await stats.revokeToken(name);
  if (revoked) await audit.log('cli', 'token.revoke', at, { name });
  return revoked;
}
