import { spawn, type ChildProcessWithoutNullStreams, type SpawnOptions } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';

/** The signing key every PostgreSQL ledger of a test file shares (several processes on one database must), as PEM text. */
export const TEST_KEY_PEM = generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();

// The published command against dist/server.mjs: `npm test` builds first.
const BIN = new URL('../../bin/consentkit-ledger.mjs', import.meta.url).pathname;

export interface BinRun {
  child: ChildProcessWithoutNullStreams;
  exited: Promise<number | null>;
  output(): string;
}

const children = new Set<ChildProcessWithoutNullStreams>();

/** Runs the bin with these arguments; `DATABASE_URL` is not passed on, so every test says which database it means. */
export function runBin(args: string[], options: SpawnOptions = {}): BinRun {
  const env = { ...process.env };
  delete env.DATABASE_URL;
  delete env.CONSENTKIT_LEDGER_KEY;
  // A PostgreSQL ledger needs its key given; an SQLite one makes its own beside the file.
  if (args.some((arg) => /^postgres(ql)?:\/\//.test(arg))) env.CONSENTKIT_LEDGER_KEY = TEST_KEY_PEM;
  const child = spawn(process.execPath, [BIN, ...args], { ...options, stdio: 'pipe', env }) as ChildProcessWithoutNullStreams;
  children.add(child);
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => (children.delete(child), resolve(code))));
  return { child, exited, output: () => output };
}

/** Runs a bin command to its end: its exit code and everything it printed. */
export async function binResult(args: string[]): Promise<{ code: number | null; output: string }> {
  const run = runBin(args);
  return { code: await run.exited, output: run.output() };
}

/** A serving ledger process and the endpoint it printed. */
export interface LedgerProcess extends BinRun {
  endpoint: string;
}

/** Starts `consentkit-ledger --db URL --port 0 …` and resolves once it says where it listens. */
export async function serveBin(db: string, extra: string[] = []): Promise<LedgerProcess> {
  const run = runBin(['--db', db, '--port', '0', ...extra]);
  const endpoint = await new Promise<string>((resolve, reject) => {
    run.child.stdout.on('data', () => {
      const match = /listening on (\S+)/.exec(run.output());
      if (match) resolve(match[1]!);
    });
    void run.exited.then(() => reject(new Error('the ledger exited: ' + run.output())));
  });
  return { ...run, endpoint };
}

/** Kills whatever a test file left running. */
export function killAll(): void {
  for (const child of children) child.kill('SIGKILL');
}
