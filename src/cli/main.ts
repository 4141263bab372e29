// The CLI entry: yargs commands, and the only place that maps outcomes to exit codes
// (0 success, 2 bad input or usage — one message, no stack — and 1 for our own bugs, with the stack).
import yargs, { type Argv } from 'yargs';
import { InputError, formatIssue, isInputError } from '../model/errors.js';
import { processIo, type CliIo } from './io.js';
import { cliMessages } from './messages.js';
import type { ExitCodeBox } from './validate.js';
import { COMMANDS, chosenCommand } from './commands.js';

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
  try {
    // Only the command that runs is loaded; the others are listed by name and description (for --help and
    // a mistyped name's "did you mean"), which is all yargs needs of a command it does not run.
    const chosen = chosenCommand(argv);
    for (const entry of COMMANDS)
      cli = entry === chosen ? (await entry.load())(cli, io, exit) : cli.command(entry.command, entry.describe);
    skipHelpCache(cli);
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

/** What skipHelpCache reaches of yargs' internals (yargs 17 and 18 have it; yargs' own modules use it). */
interface YargsInternals {
  getInternalMethods?: () => { getUsageInstance?: () => { cacheHelpMessage?: () => void } };
}

/**
 * yargs renders a command's whole help text (cliui, string widths) each time it runs the command, in case
 * the handler later asks for it (yargs' command.js, cacheHelpMessage); ours never do. That is about 40 ms of
 * every command's start-up (docs/performance.md, "Start-up"). `--help` and usage errors render it as before;
 * a yargs without the hook keeps its own behaviour.
 */
function skipHelpCache(cli: Argv): void {
  const usage = (cli as unknown as YargsInternals).getInternalMethods?.().getUsageInstance?.();
  if (typeof usage?.cacheHelpMessage === 'function') usage.cacheHelpMessage = () => {};
}
