// cli/ (layer 12), `ttlsim estimate`: its arguments and output. The closed-form answer for one key with
// i.i.d. gaps is estimate/'s (no simulation); the table or JSON is report/estimate-report.ts's.
import type { Argv } from 'yargs';
import { GAP_EXAMPLES } from '../estimate/messages.js';
import { runEstimate } from '../estimate/gap-input.js';
import { estimateJson, formatEstimate } from '../report/estimate-report.js';
import type { CliIo } from './io.js';
import { flagScalar, type CommonArgs } from './common.js';

interface EstimateArgs extends CommonArgs {
  gap: string;
  prefix: string;
  suffix?: string;
  output?: string;
  provider: string;
  model: string;
}

export function registerEstimate(cli: Argv, io: CliIo): Argv {
  return cli.command(
    'estimate',
    'closed-form hit probability and cost per request of each TTL tier for one key with i.i.d. gaps (no simulation)',
    (y) =>
      y
        .option('gap', {
          type: 'string',
          demandOption: true,
          describe: `gap between requests: ${GAP_EXAMPLES.join(', ')}`,
        })
        .option('prefix', {
          type: 'string',
          demandOption: true,
          describe: 'cached prefix, tokens (the same on every request)',
        })
        .option('suffix', { type: 'string', describe: 'uncached tail per request, tokens (default 0)' })
        .option('output', { type: 'string', describe: 'output per request, tokens (default 0)' })
        .option('provider', { type: 'string', default: 'anthropic', describe: 'price provider' })
        .option('model', { type: 'string', demandOption: true, describe: 'model id, e.g. claude-sonnet-4-5' }),
    (args) => estimateCommand(args as unknown as EstimateArgs, io),
  );
}

function estimateCommand(args: EstimateArgs, io: CliIo): void {
  // Token counts arrive as text (common.ts): `--prefix abc` is shown as given, not as NaN.
  const run = runEstimate({
    ...args,
    prefix: flagScalar('--prefix', args.prefix),
    suffix: args.suffix === undefined ? 0 : flagScalar('--suffix', args.suffix),
    output: args.output === undefined ? 0 : flagScalar('--output', args.output),
  });
  if (args.json === true) {
    io.stdout(estimateJson(run));
    return;
  }
  if (args.quiet === true) return;
  io.stdout(formatEstimate(args.gap, run.result, run.profile, run.prefixTokens, run.suffixTokens, run.outputTokens));
}
