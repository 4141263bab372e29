// `--max-requests N` (run, sweep, tune, validate): raises the documented work limits of
// workload/work-limits.ts (docs/commands.md "Limits"). Taken as a string and checked here, so "abc",
// "1.5", "1e308" and a second --max-requests are exit 2 naming the flag, never a NaN limit.
import type { Options } from 'yargs';
import { inputError } from '../model/errors.js';
import { DEFAULT_MAX_REQUESTS, type WorkLimits } from '../workload/work-limits.js';
import { cliMessages } from './messages.js';
import { formatCount } from '../model/format.js';

export const FLAG = '--max-requests';

// formatCount groups the digits as toLocaleString('en-US') does, without setting up ICU's number formatting
// at start-up for a text only --help shows (about 27 M instructions; docs/performance.md, "Start-up").
export const maxRequestsOption: Options = {
  type: 'string',
  describe: `requests one run may simulate, estimated before it starts (default ${formatCount(DEFAULT_MAX_REQUESTS)}); also raises the limits that scale with it`,
};

/** The limits the flag sets (the defaults without it); throws an InputError naming the flag. */
export function workLimitsFrom(value: unknown): WorkLimits {
  if (value === undefined) return { maxRequests: DEFAULT_MAX_REQUESTS };
  const text = typeof value === 'string' ? value.trim() : undefined;
  const n = text !== undefined && /^\d+$/.test(text) ? Number(text) : NaN;
  if (!(Number.isSafeInteger(n) && n >= 1)) throw inputError('', FLAG, cliMessages.badMaxRequests(value));
  return { maxRequests: n };
}
