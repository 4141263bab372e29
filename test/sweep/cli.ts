// A tiny CLI for the sweep tests: yargs with `ttlsim sweep` registered as src/cli/main.ts registers its
// commands, and the same mapping of outcomes to exit codes (0, 2 for InputError, 1 for anything else).
import yargs from 'yargs';
import { InputError, formatIssue, isInputError } from '../../src/errors.js';
import type { CliIo } from '../../src/cli/io.js';
import { registerSweep } from '../../src/cli/sweep.js';

export interface Captured {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export async function sweepCli(args: string[], cwd = process.cwd()): Promise<Captured> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), stderrIsTty: false, cwd, env: {} };
  const cli = registerSweep(
    yargs(args)
      .option('json', { type: 'boolean' })
      .option('quiet', { type: 'boolean' })
      .strict()
      .exitProcess(false)
      .fail((message, error) => {
        if (error !== undefined && error !== null) throw error;
        throw new InputError([{ file: '', line: 0, column: 0, path: '', message }]);
      }),
    io,
  );
  try {
    await cli.parseAsync(args);
    return { code: 0, stdout, stderr };
  } catch (error) {
    if (isInputError(error)) return { code: 2, stdout, stderr: stderr + error.issues.map((i) => `${formatIssue(i)}\n`).join('') };
    return { code: 1, stdout, stderr: stderr + String(error instanceof Error ? error.stack : error) };
  }
}
