// The CLI entry: yargs commands, and the only place that maps outcomes to exit codes
// (0 success, 2 bad input or usage — one message, no stack — and 1 for our own bugs, with the stack).
import yargs, { type Argv } from 'yargs';
import { InputError, formatIssue, isInputError } from '../model/errors.js';
import { processIo, type CliIo } from './io.js';
import { cliMessages } from './messages.js';
import { registerRun } from './run.js';
import { registerReplay } from './replay.js';
import { registerTune } from './tune.js';
import { registerValidate, type ExitCodeBox } from './validate.js';
import { registerPrices } from './prices.js';
import { registerFit } from './fit.js';
import { registerEstimate } from './estimate.js';
import { registerSweep } from './sweep.js';
import { registerMerge } from './merge.js';

export const EXIT_OK = 0;
export const EXIT_INTERNAL = 1;
export const EXIT_INPUT = 2;

/** Runs the CLI on `argv` (without node and script) and returns the exit code. */
export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  const exit: ExitCodeBox = { code: EXIT_OK };
  let cli: Argv = yargs([...argv])
    .scriptName('ttlsim')
    .usage('$0 <command> [options]\n\nSimulate prompt-cache TTL policies on your traffic and see which costs least.')
    .option('json', { type: 'boolean', describe: 'machine-readable output on stdout (nothing else there)' })
    .option('quiet', { type: 'boolean', describe: 'print nothing but errors' })
    .strict()
    .demandCommand(1, cliMessages.nameCommand())
    .recommendCommands()
    .exitProcess(false)
    .wrap(Math.min(110, process.stdout.columns ?? 110))
    .fail((message, error) => {
      if (error !== undefined && error !== null) throw error;
      throw new InputError([
        { file: '', line: 0, column: 0, path: '', message: `${message}\n${cliMessages.usageHint()}` },
      ]);
    });
  cli = registerRun(cli, io);
  cli = registerReplay(cli, io);
  cli = registerTune(cli, io);
  cli = registerValidate(cli, io, exit);
  cli = registerPrices(cli, io);
  cli = registerFit(cli, io);
  cli = registerEstimate(cli, io);
  cli = registerSweep(cli, io);
  cli = registerMerge(cli, io);
  try {
    let helpShown = '';
    await cli.parseAsync([...argv], {}, (_error, _argv, output) => {
      helpShown = output;
    });
    if (helpShown !== '') io.stdout(`${helpShown}\n`);
    return exit.code;
  } catch (error) {
    if (isInputError(error)) {
      for (const issue of error.issues) io.stderr(`${formatIssue(issue)}\n`);
      return EXIT_INPUT;
    }
    io.stderr(
      `${cliMessages.internalError()}\n${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    return EXIT_INTERNAL;
  }
}
