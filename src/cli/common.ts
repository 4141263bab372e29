// Options every command shares (docs/commands.md: --json, --quiet; --seed where randomness is involved),
// and the reading of numeric flags. yargs' `type: 'number'` turns `abc` into NaN and takes `1.5` and
// `1e308`; so numeric flags arrive as text and are read here as the same field of a scenario file is:
// the text as a YAML scalar, checked by the scenario format's own leaf parser (scenario/values.ts), so
// `--seed abc` and `seed: abc` get the same answer.
import type { Options } from 'yargs';
import { parse } from 'yaml';
import type * as z from 'zod';
import { inputError } from '../model/errors.js';
import { count, integer } from '../scenario/values.js';
import { cliMessages } from './messages.js';

export interface CommonArgs {
  json?: boolean;
  quiet?: boolean;
}

export const seedOption: Options = {
  type: 'string',
  describe: "override the scenario's seed (an integer)",
};

/** More worker threads than this is a typo or an attack, not a machine (docs/commands.md#sweep). */
export const MAX_WORKERS = 64;

/**
 * The value of a numeric flag given as `text` (undefined when it was not given), as `leaf` reads the
 * same text in a scenario file; an InputError naming the flag otherwise. A flag given twice is refused
 * (yargs would hand over both).
 */
export function flagValue<T>(flag: string, text: unknown, leaf: z.ZodType<T>): T | undefined {
  if (text === undefined) return undefined;
  const result = leaf.safeParse(flagScalar(flag, text));
  if (result.success) return result.data;
  throw inputError('', flag, result.error.issues.map((issue) => issue.message).join('; '));
}

/** `--seed`: a whole number, as the file's `seed`. */
export const seedFlag = (text: unknown): number | undefined => flagValue('--seed', text, integer);

/** `--workers`: a whole number from 1 to MAX_WORKERS. */
export function workersFlag(text: unknown): number | undefined {
  const workers = flagValue('--workers', text, count(1));
  if (workers !== undefined && workers > MAX_WORKERS)
    throw inputError('', '--workers', cliMessages.flagAbove(MAX_WORKERS, workers));
  return workers;
}

/**
 * A flag's text as a scenario file's scalar: a number where YAML reads one (`42`, `1e3`, `0x10`, `.inf`),
 * the text itself otherwise, for a checker that then names the flag and shows what was given.
 */
export function flagScalar(flag: string, text: unknown): unknown {
  if (Array.isArray(text)) throw inputError('', flag, cliMessages.flagTwice());
  const written = String(text);
  try {
    const value: unknown = parse(written);
    return typeof value === 'number' ? value : written;
  } catch {
    return written;
  }
}
