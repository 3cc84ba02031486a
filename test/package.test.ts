import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

/** Runs an ES module snippet in plain Node from the repo root, where the package can import itself by name. */
const node = (code: string) => execFileSync(process.execPath, ['--input-type=module', '-e', code], { cwd: new URL('..', import.meta.url), encoding: 'utf8' });

test('package.json is the contract: ESM, types first, script-tag build for CDNs, side effects only in the script tag', () => {
  expect(pkg.type).toBe('module');
  for (const entry of ['.', './headless', './server']) expect(Object.keys(pkg.exports[entry])[0]).toBe('types');
  expect(pkg.unpkg).toBe('./dist/consentkit.min.js');
  expect(pkg.jsdelivr).toBe('./dist/consentkit.min.js');
  expect(pkg.sideEffects).toEqual(['./src/auto.ts', './dist/consentkit.min.js']);
});

test('the built entries import by their public names in Node, without a DOM and without side effects', () => {
  const out = node(`
    const before = Object.keys(globalThis).length;
    const main = await import('consentkit');
    const headless = await import('consentkit/headless');
    const server = await import('consentkit/server');
    console.log(JSON.stringify({
      main: typeof main.createConsentKit, headless: typeof headless.createConsentCore, server: typeof server.createLedgerHandler,
      globalsAdded: Object.keys(globalThis).length - before,
    }));`);
  expect(JSON.parse(out)).toEqual({ main: 'function', headless: 'function', server: 'function', globalsAdded: 0 });
});

test('the headless core decides in plain Node with in-memory services', () => {
  const out = node(`
    import { createConsentCore, normalizeConfig, createMemorySlot, createMemoryStore } from 'consentkit/headless';
    const core = createConsentCore(normalizeConfig({ policyVersion: '2' }).config, { slot: createMemorySlot(), store: createMemoryStore() });
    const receipt = core.save({ analytics: true });
    console.log(JSON.stringify([receipt.action, core.has('analytics'), core.has('marketing')]));`);
  expect(JSON.parse(out)).toEqual(['save', true, false]);
});
