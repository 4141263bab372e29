// Every user-facing text of the CLI, as functions (vega-lite's log/message.ts): tests assert against
// these same functions, never against pasted strings.

export const cliMessages = {
  usageHint: () => 'Run `ttlsim --help` for usage.',
  nameCommand: () => 'Name a command: run, replay, sweep, tune, fit, estimate, validate or prices.',
  wroteReport: (dir: string) => `Report: ${dir}`,
  validOk: (file: string) => `${file}: ok`,
  validSummary: (ok: number, total: number) => `${ok} of ${total} scenario file(s) valid.`,
  internalError: () => 'ttlsim: internal error (this is a bug; please report it with the command you ran):',
  progress: (scenario: string, index: number, count: number, policy: string) =>
    `${scenario}: policy ${index + 1}/${count} (${policy})`,
  flagTwice: () => 'given more than once; give it once',
  flagAbove: (max: number, got: number) => `at most ${max}, got ${got}`,
  noProfiles: (provider: string) => `--provider: no price profiles for "${provider}"`,
  unknownPolicy: (name: string, known: readonly string[]) =>
    `no policy "${name}" was evaluated; one of ${known.map((k) => `"${k}"`).join(', ')}`,
  replayProgress: (index: number, count: number, file: string) => `reading log ${index + 1}/${count}: ${file}`,
  badTime: (value: string) =>
    `expected an ISO-8601 date or time like 2026-02-12 or 2026-02-12T16:00:00Z, got "${value}"`,
  cannotWrite: (stream: string, reason: string) => `${stream}: cannot write the output (${reason})`,
  badColumns: (pair: string) => `expected ours=theirs pairs like timestamp=ts,key=user, got "${pair}"`,
} as const;
