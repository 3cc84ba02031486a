// The password of `user add`: never an argument (it would sit in the shell's
// history and in `ps`), but piped on stdin or typed at a prompt that does not echo.
import { createInterface } from 'node:readline';

/** Reads one line from a terminal without echoing it, or the whole of piped stdin (one trailing newline removed). */
export async function readPassword(prompt) {
  if (!process.stdin.isTTY) {
    let text = '';
    for await (const chunk of process.stdin) text += chunk;
    return text.replace(/\r?\n$/, '');
  }
  process.stdout.write(prompt);
  const rl = createInterface({ input: process.stdin, terminal: true });
  // Echo nothing of what is typed.
  rl._writeToOutput = () => {};
  const line = await new Promise((resolve) => rl.once('line', resolve));
  rl.close();
  process.stdout.write('\n');
  return line;
}
