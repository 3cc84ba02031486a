// The proof commands of consentkit-ledger: verify --ack / --checkpoints / --export,
// checkpoints --out, export. Each prints what it found and exits 0 (good), 1 (tampered
// or invalid) or 2 (cannot verify, bad arguments), like verify.
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { checkpointHash, exportAudit, ledgerKeyFromPem, parsePublicKey, verifyAck, verifyExport, verifyWithCheckpoints } from '../dist/server.mjs';

/** PEM or JSON text as given, else the file it names. */
function keyText(value) {
  const trimmed = value.trim();
  if (trimmed.startsWith('-----BEGIN') || trimmed.startsWith('{')) return trimmed;
  // A raw Ed25519 public key, base64url (the `publicKey` of GET {base}/key), unless a file has that name.
  if (/^[A-Za-z0-9_-]{43}$/.test(trimmed) && !existsSync(value)) return trimmed;
  if (!existsSync(value)) throw new Error(`no key file at ${value}`);
  return readFileSync(value, 'utf8');
}

/** The private signing key, never created here: export signs acks with the ledger's own key. */
export function privateKeyFrom(value) {
  const text = keyText(value);
  if (!text.includes('PRIVATE KEY')) throw new Error('export needs the ledger\'s private key (--key FILE, or the <db>.key file beside an SQLite ledger)');
  return ledgerKeyFromPem(text);
}

/** { keyId, key } from a private key (its public half), SPKI PEM, GET /key JSON, or raw base64url. */
export function publicKeyFrom(value) {
  const text = keyText(value);
  if (text.includes('PRIVATE KEY')) {
    const key = ledgerKeyFromPem(text);
    return { keyId: key.keyId, key: key.publicKey };
  }
  return parsePublicKey(text);
}

/** A checkpoints file: a `{"type":"key",…}` line, then one checkpoint a line. */
export function readCheckpointFile(path) {
  const lines = readFileSync(path, 'utf8').split('\n').filter((line) => line.trim());
  const parsed = lines.map((line) => JSON.parse(line));
  const keyLine = parsed.find((entry) => entry.type === 'key');
  return { key: keyLine ?? null, checkpoints: parsed.filter((entry) => entry.type !== 'key') };
}

const print = (line) => console.log(line);

export async function runVerifyAck(store, ackPath, publicKey) {
  let ack;
  try {
    ack = JSON.parse(readFileSync(ackPath, 'utf8'));
  } catch (error) {
    print(`ack CANNOT VERIFY: ${error.message}`);
    return 2;
  }
  const verdict = await verifyAck(ack, store, publicKey);
  if (verdict.status === 'present') print(`ack OK: receipt ${ack.receipt} of subject ${ack.subject}, received ${ack.receivedAt}, is in the ledger unchanged (key ${publicKey.keyId})`);
  else if (verdict.status === 'erased') print(`ack OK: receipt ${ack.receipt} was acknowledged on ${ack.receivedAt}; its subject was erased on ${verdict.tombstone.erasedAt} (tombstone ${verdict.tombstone.seq})`);
  else if (verdict.status === 'invalid') print(`ack INVALID: ${verdict.reason}`);
  else print(`ack VALID, ledger BROKEN: receipt ${ack.receipt}: ${verdict.reason}`);
  return verdict.status === 'present' || verdict.status === 'erased' ? 0 : 1;
}

export async function runVerifyCheckpoints(store, path, givenKey) {
  let file;
  try {
    file = readCheckpointFile(path);
    if (!file.key && !givenKey) throw new Error('the file names no key; give --key');
  } catch (error) {
    print(`checkpoints CANNOT VERIFY: ${error.message} (${path})`);
    return 2;
  }
  const publicKey = givenKey ?? parsePublicKey(JSON.stringify(file.key));
  if (givenKey && file.key && file.key.keyId !== givenKey.keyId) {
    print(`checkpoints CANNOT VERIFY: the file's key ${file.key.keyId} is not the key given (${givenKey.keyId})`);
    return 2;
  }
  const { ledger, checkpoints } = await verifyWithCheckpoints(store, { keyId: publicKey.keyId, publicKey: publicKey.key, checkpoints: file.checkpoints });
  const counts = `${ledger.receipts} receipts, ${ledger.subjects} subjects, ${ledger.tombstones} tombstones`;
  if (ledger.status === 'tampered') print(`ledger BROKEN at ${ledger.broken.table} row ${ledger.broken.seq}${ledger.broken.id ? ` (receipt ${ledger.broken.id})` : ''}: ${ledger.broken.reason}. ${counts}`);
  else if (ledger.status === 'intact') print(`chains OK: ${counts}`);
  if (checkpoints.status === 'unverifiable') {
    print(`checkpoints CANNOT VERIFY: ${checkpoints.problem}`);
    return 2;
  }
  if (checkpoints.status === 'tampered') {
    print(`ledger BROKEN against the checkpoints: ${checkpoints.reason}`);
    return 1;
  }
  const { reference, archived, newer, uncovered } = checkpoints;
  print(
    `checkpoints OK: the ledger holds what checkpoint ${reference.sequence} (${reference.at}) signed: ${reference.receipts.held} receipts up to row ${reference.receipts.lastSeq}, ${reference.tombstones.count} tombstones` +
      ` (${archived} archived, ${newer} newer in the database)`,
  );
  if (uncovered) print(`warning: ${uncovered} receipts were received after that checkpoint; archive checkpoints more often to cover them`);
  return ledger.status === 'intact' ? 0 : 1;
}

export function runVerifyExport(path, publicKey) {
  let text;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    print(`export CANNOT VERIFY: ${error.message}`);
    return 2;
  }
  const result = verifyExport(text, publicKey);
  if (!result.ok) {
    print(`export INVALID: ${result.problem} (${path})`);
    return 1;
  }
  const cp = result.checkpoint;
  print(`export OK: ${result.receipts} receipts with valid acknowledgements, ${result.notices} notices${cp ? `, checkpoint ${cp.sequence} of ${cp.at}` : ''} (key ${publicKey.keyId})`);
  for (const warning of result.warnings) print(`warning: ${warning}`);
  return 0;
}

/** Appends to `out` the checkpoints it does not hold yet; refuses when the database's log no longer continues the file's. */
export async function runCheckpoints(store, out, publicKey) {
  const file = existsSync(out) ? readCheckpointFile(out) : { key: null, checkpoints: [] };
  if (file.key && file.key.keyId !== publicKey.keyId) {
    print(`checkpoints: ${out} holds checkpoints of key ${file.key.keyId}, not ${publicKey.keyId}; nothing written`);
    return 1;
  }
  const last = file.checkpoints.at(-1);
  const fresh = await store.proof.checkpoints(last ? last.sequence - 1 : 0);
  if (last) {
    const same = fresh.shift();
    if (!same || checkpointHash(same) !== checkpointHash(last)) {
      print(`checkpoints: the database's checkpoint ${last.sequence} is ${same ? 'not the one archived' : 'missing'} in ${out}: its log was cut or rewritten; nothing written`);
      return 1;
    }
  }
  if (!file.key) writeFileSync(out, JSON.stringify({ type: 'key', ...publicKeyRecord(publicKey) }) + '\n', { flag: 'a' });
  if (fresh.length) appendFileSync(out, fresh.map((cp) => JSON.stringify(cp)).join('\n') + '\n');
  print(`checkpoints: ${fresh.length} appended to ${out}${fresh.length ? ` (up to checkpoint ${fresh.at(-1).sequence} of ${fresh.at(-1).at})` : ''}`);
  return 0;
}

function publicKeyRecord(publicKey) {
  const raw = publicKey.key.export({ format: 'der', type: 'spki' }).subarray(-32).toString('base64url');
  return { algorithm: 'Ed25519', keyId: publicKey.keyId, publicKey: raw, publicKeyPem: publicKey.key.export({ format: 'pem', type: 'spki' }).toString() };
}

export async function runExport(store, key, range, out) {
  writeFileSync(out, '');
  const summary = await exportAudit(store.proof, key, range, (line) => appendFileSync(out, line + '\n'));
  print(
    `exported ${summary.receipts} receipts and ${summary.notices} notices received from ${range.from} to ${range.to}${range.subject ? ` of subject ${range.subject}` : ''}` +
      `${summary.checkpoint ? `, with checkpoint ${summary.checkpoint.sequence} (${summary.checkpoint.at})` : ', without a checkpoint (none signed yet)'} to ${out}`,
  );
  if (summary.uncovered) print(`warning: ${summary.uncovered} receipts are newer than the last checkpoint; their acks vouch for them`);
  return 0;
}

/**
 * Dispatches the proof commands; returns only when `command` is none of them.
 * `context`: the key flag or variable as given, the key to read with (given, or
 * the file beside an SQLite ledger), how to open the ledger read-only, and how
 * to fail with the usage.
 */
export async function runProofCommand(command, values, { keyValue, readingKeyValue, openForReading, fail }) {
  async function withReader(run) {
    const store = await openForReading();
    let code;
    try {
      code = await run(store);
    } catch (error) {
      console.log(`consentkit-ledger: ${error.message}`);
      code = 2;
    }
    await store.close();
    process.exit(code);
  }
  const loadPublicKey = (value) => {
    try {
      return publicKeyFrom(value);
    } catch (error) {
      fail(`cannot read the key: ${error.message}`);
    }
  };

  if (command === 'verify' && values.export) {
    if (!values.key) fail('verify --export needs --key PUBLIC_KEY (a PEM file, the JSON of GET {base}/key, or its publicKey)');
    process.exit(runVerifyExport(values.export, loadPublicKey(values.key)));
  }
  if (command === 'verify' && values.ack) await withReader((store) => runVerifyAck(store, values.ack, loadPublicKey(readingKeyValue())));
  if (command === 'verify' && values.checkpoints) {
    const given = keyValue ? loadPublicKey(keyValue) : null;
    await withReader((store) => runVerifyCheckpoints(store, values.checkpoints, given));
  }
  if (command === 'checkpoints') {
    if (!values.out) fail('checkpoints needs --out FILE');
    const publicKey = loadPublicKey(readingKeyValue());
    await withReader((store) => runCheckpoints(store, resolve(values.out), publicKey));
  }
  if (command === 'export') {
    if (!values.out || !values.from || !values.to) fail('export needs --from DATE --to DATE --out FILE.jsonl');
    const instant = (text, endOfDay) => {
      const time = Date.parse(text);
      if (Number.isNaN(time)) fail(`"${text}" is not a date (2026-11-29, or 2026-11-29T16:00:00Z)`);
      return new Date(time + (endOfDay && /^\d{4}-\d{2}-\d{2}$/.test(text) ? 86_400_000 : 0)).toISOString();
    };
    let key;
    try {
      key = privateKeyFrom(readingKeyValue());
    } catch (error) {
      fail(error.message);
    }
    const range = { from: instant(values.from, false), to: instant(values.to, true), subject: values.subject ?? null };
    await withReader((store) => runExport(store, key, range, resolve(values.out)));
  }
}
