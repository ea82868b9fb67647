import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';

/**
 * The passphrase that seals or opens a bundle's credentials: from `--passphrase-file` (its
 * first line), else SWITCHYARD_PASSPHRASE, else typed at a terminal (not echoed). Never from
 * an argument, which other users of the machine could read in the process list.
 */
export async function readPassphrase(opts: { passphraseFile?: string }, purpose: string): Promise<string | undefined> {
  if (opts.passphraseFile) return (readFileSync(opts.passphraseFile, 'utf8').split(/\r?\n/)[0] ?? '').trim();
  const fromEnv = process.env.SWITCHYARD_PASSPHRASE;
  if (fromEnv) return fromEnv;
  if (!process.stdin.isTTY || !process.stderr.isTTY) return undefined;
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  process.stderr.write(`Passphrase ${purpose}: `);
  // Swallow the echo of what is typed.
  (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = () => undefined;
  const answer = await new Promise<string>((resolve) => rl.question('', resolve));
  rl.close();
  process.stderr.write('\n');
  return answer.trim();
}
