// `ttlsim prices`: the price profiles ttlsim bills with, as a table or JSON.
import type { Argv } from 'yargs';
import { listProfiles } from '../pricing/lookup.js';
import { formatPriceTable, priceProfilesJson } from '../report/prices-table.js';
import { inputError } from '../model/errors.js';
import type { CliIo } from './io.js';
import { cliMessages } from './messages.js';
import type { CommonArgs } from './common.js';

interface PricesArgs extends CommonArgs {
  provider?: string;
}

export function registerPrices(cli: Argv, io: CliIo): Argv {
  return cli.command(
    'prices',
    'list the price profiles (per-model $/MTok, minimum cacheable tokens, TTLs, sources)',
    (y) =>
      y.option('provider', {
        type: 'string',
        describe: 'only this provider (anthropic, bedrock, vertex, openai, gemini, deepseek, …)',
      }),
    (args) => pricesCommand(args as unknown as PricesArgs, io),
  );
}

function pricesCommand(args: PricesArgs, io: CliIo): void {
  const provider = args.provider?.toLowerCase();
  const profiles = listProfiles().filter((p) => provider === undefined || p.provider === provider);
  if (profiles.length === 0) throw inputError('', '', cliMessages.noProfiles(args.provider ?? ''));
  io.stdout(
    args.json === true ? `${JSON.stringify(priceProfilesJson(profiles), null, 2)}\n` : formatPriceTable(profiles),
  );
}
