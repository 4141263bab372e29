// The CLI entry: yargs commands, and the only place that maps outcomes to exit codes
// (0 success, 2 bad input or usage — one message, no stack — and 1 for our own bugs, with the stack).
import yargs, { type Argv } from 'yargs';
import { InputError, formatIssue, isInputError } from '../model/errors.js';
import { processIo, type CliIo } from './io.js';
import { cliMessages } from './messages.js';
import type { ExitCodeBox } from './validate.js';
import { COMMANDS, chosenCommand, commandName } from './commands.js';
import { offloadResamplesTo } from '../verdict/bootstrap.js';
import { resampleOnThread } from './resample-thread.js';

export const EXIT_OK = 0;
export const EXIT_INTERNAL = 1;
export const EXIT_INPUT = 2;

/** Runs the CLI on `argv` (without node and script) and returns the exit code. */
export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  const exit: ExitCodeBox = { code: EXIT_OK };
  // A verdict over many sessions makes part of its bootstrap on a second thread (cli/resample-thread.ts).
  offloadResamplesTo(resampleOnThread);
  // Only the command that runs is loaded (below); its name also points an unknown flag at its --help.
  const chosen = chosenCommand(argv);
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
      const unknown = unknownFlags(message, argv);
      throw new InputError([
        unknown === null
          ? { file: '', line: 0, column: 0, path: '', message: `${message}\n${cliMessages.usageHint()}` }
          : {
              file: '',
              line: 0,
              column: 0,
              path: unknown,
              message: cliMessages.unknownFlag(chosen === undefined ? '' : commandName(chosen)),
            },
      ]);
    });
  try {
    // Only the command that runs is loaded; the others are listed by name and description (for --help and
    // a mistyped name's "did you mean"), which is all yargs needs of a command it does not run.
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

/**
 * The flags of yargs' "Unknown argument(s): a-b, aB" as the user typed them (`--a-b`; yargs adds each
 * kebab-case flag's camelCase twin to the list), or null when one of them is not a flag the command line
 * holds (an extra positional: yargs' own message then stands).
 */
export function unknownFlags(message: string, argv: readonly string[]): string | null {
  const listed = /^Unknown arguments?: (.+)$/.exec(message)?.[1].split(', ');
  if (listed === undefined) return null;
  const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
  const names = listed.filter((name) => !(/[A-Z]/.test(name) && listed.includes(kebab(name))));
  const typed = names.map((name) => {
    const flag = argv.find((arg) => arg === `--${name}` || arg.startsWith(`--${name}=`) || arg === `--no-${name}`);
    if (flag !== undefined) return flag.startsWith(`--no-${name}`) ? `--no-${name}` : `--${name}`;
    return name.length === 1 && argv.some((arg) => /^-[^-]/.test(arg) && arg.includes(name)) ? `-${name}` : null;
  });
  return typed.every((flag) => flag !== null) ? typed.join(', ') : null;
}
