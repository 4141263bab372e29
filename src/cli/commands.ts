// The commands main.ts offers, each with its command line and description, and how to load it. A command's
// module (and what it imports: the scenario schema, the readers, the engine, the reports) is imported only
// when that command runs: `--version`, `--help` and a mistyped command name need only this table, and each
// command loads its own code and nothing else's (docs/performance.md, "Start-up").
import type { Argv } from 'yargs';
import type { CliIo } from './io.js';
import type { ExitCodeBox } from './validate.js';

/** Adds the command, with its options and handler, to `cli`. */
export type RegisterCommand = (cli: Argv, io: CliIo, exit: ExitCodeBox) => Argv;

export interface CommandEntry {
  /** yargs' command line (`run <scenario..>`): its first word is the command's name. */
  readonly command: string;
  readonly describe: string;
  readonly load: () => Promise<RegisterCommand>;
}

/** In the order `--help` lists them. The descriptions are the modules' own (test/cli/commands.test.ts). */
export const COMMANDS: readonly CommandEntry[] = [
  {
    command: 'run <scenario..>',
    describe: 'simulate scenario files under every policy they list and compare the costs',
    load: async () => (await import('./run.js')).registerRun,
  },
  {
    command: 'replay [logs..]',
    describe:
      'replay recorded requests (Claude Code by default) under the TTLs they used and every counterfactual policy',
    load: async () => (await import('./replay.js')).registerReplay,
  },
  {
    command: 'tune [input..]',
    describe: 'evaluate the policy space on a scenario or on recorded logs and recommend a TTL policy',
    load: async () => (await import('./tune.js')).registerTune,
  },
  {
    command: 'validate <scenario..>',
    describe: 'check scenario files without running them',
    load: async () => (await import('./validate.js')).registerValidate,
  },
  {
    command: 'prices',
    describe: 'list the price profiles (per-model $/MTok, minimum cacheable tokens, TTLs, sources)',
    load: async () => (await import('./prices.js')).registerPrices,
  },
  {
    command: 'fit [logs..]',
    describe: 'fit a sessions workload to recorded Claude Code logs, write it as a scenario file and check the fit',
    load: async () => (await import('./fit.js')).registerFit,
  },
  {
    command: 'estimate',
    describe:
      'closed-form hit probability and cost per request of each TTL tier for one key with i.i.d. gaps (no simulation)',
    load: async () => (await import('./estimate.js')).registerEstimate,
  },
  {
    command: 'sweep <scenario>',
    describe:
      'simulate a scenario over a range of TTLs or of its own parameters (two --param make a grid), on worker threads',
    load: async () => (await import('./sweep.js')).registerSweep,
  },
  {
    command: 'merge <partials..>',
    describe: "put the partial results of a run's shards (--shard K/N --json) back together",
    load: async () => (await import('./merge.js')).registerMerge,
  },
];

export const commandName = (entry: CommandEntry): string => entry.command.split(' ')[0];

/**
 * The command `argv` names: its first word that is not an option. Global options before it are flags
 * without values (--json, --quiet), so the first bare word is the command's name, or a typo.
 */
export function chosenCommand(argv: readonly string[]): CommandEntry | undefined {
  const word = argv.find((arg) => !arg.startsWith('-'));
  return COMMANDS.find((entry) => commandName(entry) === word);
}
