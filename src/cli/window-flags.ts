// cli/ (layer 12): --since, --until and --timezone, shared by every command that reads logs (`replay`,
// `tune`, `fit`; docs/commands.md#dates-and-windows). The clock is read here, the only layer that may.
import type { Options } from 'yargs';
import { inputError } from '../model/errors.js';
import { DEFAULT_TIME_ZONE, WindowError, checkTimeZone, parseWhen } from '../replay/time-window.js';
import { replayMessages } from '../replay/messages.js';
import type { CliIo } from './io.js';
import { cliMessages } from './messages.js';

export interface WindowArgs {
  since?: string;
  until?: string;
  timezone?: string;
}

export interface Window {
  /** Requests starting in [sinceMs, untilMs) (epoch ms), undefined for an open end. */
  readonly sinceMs?: number;
  readonly untilMs?: number;
  /** IANA zone of the day, week and month boundaries (and of dates without a zone). */
  readonly timeZone: string;
}

export const windowOptions: Record<'since' | 'until' | 'timezone', Options> = {
  since: {
    type: 'string',
    describe: 'only requests starting at or after this: 2026-12-01, 20261201, an ISO time, today, or 7d / 12h back',
  },
  until: { type: 'string', describe: 'only requests starting before this (a date: to the end of that day)' },
  timezone: { type: 'string', describe: 'IANA time zone of dates and of day/week/month boundaries (default UTC)' },
};

/** The window the flags select; an InputError naming the flag for a bad date, zone or an empty window. */
export function windowFlags(args: WindowArgs, io: CliIo): Window {
  const timeZone = flagOf('--timezone', () => checkTimeZone(single('--timezone', args.timezone) ?? DEFAULT_TIME_ZONE));
  const nowMs = (io.nowMs ?? Date.now)();
  const when = (flag: string, text: string | undefined, endOfDay: boolean) => {
    const value = single(flag, text);
    return value === undefined ? undefined : flagOf(flag, () => parseWhen(value, timeZone, nowMs, endOfDay));
  };
  const sinceMs = when('--since', args.since, false);
  const untilMs = when('--until', args.until, true);
  if (sinceMs !== undefined && untilMs !== undefined && untilMs <= sinceMs)
    throw inputError(
      '',
      '--until',
      replayMessages.emptyWindow(new Date(sinceMs).toISOString(), new Date(untilMs).toISOString()),
    );
  return { sinceMs, untilMs, timeZone };
}

function single(flag: string, text: string | readonly string[] | undefined): string | undefined {
  if (text === undefined) return undefined;
  if (Array.isArray(text)) throw inputError('', flag, cliMessages.flagTwice());
  return String(text);
}

function flagOf<T>(flag: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof WindowError) throw inputError('', flag, error.message);
    throw error;
  }
}
