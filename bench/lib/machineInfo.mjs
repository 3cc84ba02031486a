// Where and how a run was made, so that its figures can be compared and reproduced.
import { readFileSync } from 'node:fs';
import os from 'node:os';

/** @param {string|null} pkg an installed package, or null for this repository */
export function versionOf(pkg) {
  const url = new URL(pkg ? `../../node_modules/${pkg}/package.json` : '../../package.json', import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8')).version;
}

/** @param {string|null} chromium the browser's version, when one ran */
export function machineInfo(chromium) {
  const cpus = os.cpus();
  return {
    date: new Date().toISOString(),
    command: ['node', ...process.argv.slice(1).map((a, i) => (i == 0 ? 'bench/run.mjs' : a))].join(' '),
    machine: {
      cpu: cpus[0]?.model ?? 'unknown',
      cores: cpus.length,
      memoryGB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
      os: `${os.type()} ${os.release()} ${os.arch()}`,
      loadAverage: os.loadavg().map((x) => Math.round(x * 100) / 100),
    },
    node: process.version,
    chromium,
    playwright: versionOf('playwright-core'),
  };
}
