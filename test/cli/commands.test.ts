// main.ts loads only the command that runs and lists the others from cli/commands.ts: the table must say
// what each command's own module registers, or `--help` and the command's own help would disagree.
import { describe, expect, it } from 'vitest';
import type { Argv } from 'yargs';
import { COMMANDS, chosenCommand, commandName } from '../../src/cli/commands.js';
import type { CliIo } from '../../src/cli/io.js';
import { ttlsim } from './capture.js';

/** What a command module passes to yargs' `.command(command, describe, …)`. */
async function registered(entry: (typeof COMMANDS)[number]): Promise<[string, string]> {
  let seen: [string, string] = ['', ''];
  const cli = {
    command: (command: string, describe: string) => {
      seen = [command, describe];
      return cli;
    },
  } as unknown as Argv;
  (await entry.load())(cli, {} as CliIo, { code: 0 });
  return seen;
}

describe('the command table', () => {
  it.each(COMMANDS.map((entry) => [commandName(entry), entry] as const))(
    '%s: the table has the command line and description its module registers',
    async (_name, entry) => {
      expect(await registered(entry)).toEqual([entry.command, entry.describe]);
    },
  );

  it('finds the command as the first word that is not an option', () => {
    expect(chosenCommand(['--json', 'run', 'x.yaml'])?.command).toBe('run <scenario..>');
    expect(chosenCommand(['prices', '--provider', 'bedrock'])?.command).toBe('prices');
    expect(chosenCommand(['--version'])).toBeUndefined();
    expect(chosenCommand(['rnu', 'x.yaml'])).toBeUndefined();
  });

  it('--help lists every command; a mistyped one is still recognised', async () => {
    const help = await ttlsim(['--help']);
    expect(help.code).toBe(0);
    for (const entry of COMMANDS) expect(help.stdout).toContain(`ttlsim ${entry.command}`);
    const typo = await ttlsim(['rnu', 'x.yaml']);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('Did you mean run?');
  });
});
