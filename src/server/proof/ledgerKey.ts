import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** What `GET {base}/key` answers: everything a verifier needs, nothing secret. */
export interface PublicLedgerKey {
  algorithm: 'Ed25519';
  keyId: string;
  /** base64url of the raw 32-byte public key. */
  publicKey: string;
  /** The same key as SPKI PEM, for openssl and node:crypto. */
  publicKeyPem: string;
}

/** The ledger's Ed25519 signing key. Ed25519 is deterministic: the same text always gets the same signature. */
export interface LedgerKey {
  readonly keyId: string;
  readonly publicKey: KeyObject;
  /** base64url signature over the UTF-8 bytes of `text`. */
  sign(text: string): string;
  toPublic(): PublicLedgerKey;
}

const base64url = (bytes: Buffer) => bytes.toString('base64url');

/** The raw 32 bytes of an Ed25519 public key (the last 32 bytes of its SPKI DER). */
function rawPublicKey(key: KeyObject): Buffer {
  return key.export({ format: 'der', type: 'spki' }).subarray(-32);
}

/** The key id: the first 16 bytes of SHA-256 of the raw public key, base64url (22 characters). */
export function keyIdOf(publicKey: KeyObject): string {
  return base64url(createHash('sha256').update(rawPublicKey(publicKey)).digest().subarray(0, 16));
}

function fromPrivate(privateKey: KeyObject): LedgerKey {
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error(`the ledger key must be an Ed25519 private key, not ${privateKey.asymmetricKeyType ?? 'unknown'}`);
  const publicKey = createPublicKey(privateKey);
  const keyId = keyIdOf(publicKey);
  return {
    keyId,
    publicKey,
    sign: (text) => base64url(sign(null, Buffer.from(text, 'utf8'), privateKey)),
    toPublic: () => ({
      algorithm: 'Ed25519',
      keyId,
      publicKey: base64url(rawPublicKey(publicKey)),
      publicKeyPem: publicKey.export({ format: 'pem', type: 'spki' }).toString(),
    }),
  };
}

/** A key from PKCS#8 PEM text (what `openssl genpkey -algorithm ed25519` writes). */
export function ledgerKeyFromPem(pem: string): LedgerKey {
  return fromPrivate(createPrivateKey({ key: pem, format: 'pem' }));
}

/** A fresh key kept in memory only (tests, ':memory:' ledgers). */
export function generateLedgerKey(): LedgerKey {
  return fromPrivate(generateKeyPairSync('ed25519').privateKey);
}

/**
 * The key in `path`, created there (mode 0600) when the file does not exist.
 * An existing file is never overwritten: a new key would orphan every
 * acknowledgement and checkpoint signed with the old one.
 */
export function loadOrCreateLedgerKey(path: string): LedgerKey {
  if (existsSync(path)) return ledgerKeyFromPem(readFileSync(path, 'utf8'));
  mkdirSync(dirname(path), { recursive: true });
  const pem = generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
  // 'wx': fails rather than overwrite a file another process created meanwhile; that file is then read.
  try {
    writeFileSync(path, pem, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as { code?: string }).code === 'EEXIST') return ledgerKeyFromPem(readFileSync(path, 'utf8'));
    throw error;
  }
  chmodSync(path, 0o600);
  return ledgerKeyFromPem(pem);
}

/**
 * `--key` / `CONSENTKIT_LEDGER_KEY`: PEM text when it starts with "-----BEGIN",
 * else a file path (created when missing, as the default key beside an SQLite file).
 */
export function resolveLedgerKey(value: string): LedgerKey {
  return value.trimStart().startsWith('-----BEGIN') ? ledgerKeyFromPem(value) : loadOrCreateLedgerKey(value);
}

/** A public key from the forms a verifier may hold: the JSON of `GET /key`, SPKI PEM, or base64url raw bytes. */
export function parsePublicKey(text: string): { keyId: string; key: KeyObject } {
  const trimmed = text.trim();
  let key: KeyObject;
  if (trimmed.startsWith('{')) return parsePublicKey((JSON.parse(trimmed) as PublicLedgerKey).publicKeyPem);
  if (trimmed.startsWith('-----BEGIN')) key = createPublicKey(trimmed);
  else {
    const raw = Buffer.from(trimmed, 'base64url');
    if (raw.length !== 32) throw new Error('a raw Ed25519 public key is 32 bytes (base64url)');
    key = createPublicKey({ key: Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), raw]), format: 'der', type: 'spki' });
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new Error('not an Ed25519 public key');
  return { keyId: keyIdOf(key), key };
}

/** True when `signature` (base64url) is the key's Ed25519 signature of `text`. */
export function verifySignature(publicKey: KeyObject, text: string, signature: string): boolean {
  try {
    return verify(null, Buffer.from(text, 'utf8'), publicKey, Buffer.from(signature, 'base64url'));
  } catch {
    return false;
  }
}
