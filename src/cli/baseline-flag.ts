// `--baseline NAME`: the policy the user runs now, against which `run` and `tune` draw the verdict
// (docs/verdict.md). `tune` also takes its older name `--current`, as an alias.
import { inputError } from '../model/errors.js';
import { cliMessages } from './messages.js';

export const baselineOption = {
  type: 'string',
  describe: "the policy you run now, the verdict's baseline (default: the scenario's first policy)",
} as const;

export interface BaselineArgs {
  baseline?: unknown;
  current?: unknown;
}

/** The baseline named, and the flag that named it (for the messages); exit 2 if given twice or both ways. */
export function baselineFlag(args: BaselineArgs): { readonly name?: string; readonly flag: string } {
  for (const [flag, value] of [
    ['--baseline', args.baseline],
    ['--current', args.current],
  ] as const)
    if (Array.isArray(value)) throw inputError('', flag, cliMessages.flagTwice());
  // yargs hands over text (type: 'string'); anything else was not given as a name.
  const baseline = typeof args.baseline === 'string' ? args.baseline : undefined;
  const current = typeof args.current === 'string' ? args.current : undefined;
  if (baseline !== undefined && current !== undefined && baseline !== current)
    throw inputError('', '--baseline', cliMessages.baselineTwice(baseline, current));
  return baseline !== undefined ? { name: baseline, flag: '--baseline' } : { name: current, flag: '--current' };
}
