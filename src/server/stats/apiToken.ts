import { createHash, randomBytes } from 'node:crypto';

/** Token names follow console account names. */
export const TOKEN_NAME = /^[\w.@-]{1,64}$/;

/** A new API token: 256 random bits, prefixed so it is recognisable in a secret scanner or a config file. */
export const newApiToken = () => 'ckst_' + randomBytes(32).toString('base64url');

/** What the database keeps of a token: its SHA-256 (the token has 256 bits of entropy, so no slow hash is needed). */
export const apiTokenHash = (token: string) => createHash('sha256').update(token).digest('hex');
