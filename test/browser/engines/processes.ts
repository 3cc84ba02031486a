import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

const running = new Set<ChildProcess>();
// A worker that dies between a test and its afterAll still takes its browsers down.
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** Starts a helper process that is killed with the test process, whatever happens. */
export function startProcess(command: string, args: string[], options: { env?: NodeJS.ProcessEnv; fds?: number } = {}): ChildProcess {
  const stdio: Array<'ignore' | 'pipe'> = ['ignore', 'ignore', 'pipe'];
  for (let fd = 3; fd < (options.fds ?? 3); fd++) stdio.push('pipe');
  const child = spawn(command, args, { env: options.env ?? process.env, stdio });
  running.add(child);
  child.once('exit', () => running.delete(child));
  child.stderr?.resume();
  return child;
}

/** Stops a helper process: SIGTERM, then SIGKILL after `graceMs`. */
export async function stopProcess(child: ChildProcess | undefined, graceMs = 2000): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

/** A TCP port free right now on 127.0.0.1, for a program that must be told its port. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (typeof address !== 'object' || !address) throw new Error('no free port');
  return address.port;
}
