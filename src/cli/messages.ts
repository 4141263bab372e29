// Every user-facing text of the CLI, as functions (vega-lite's log/message.ts): tests assert against
// these same functions, never against pasted strings.

export const cliMessages = {
  usageHint: () => 'Run `ttlsim --help` for usage.',
  nameCommand: () => 'Name a command: run, replay, sweep, tune, fit, estimate, validate or prices.',
  wroteReport: (dir: string) => `Report: ${dir}`,
  validOk: (file: string) => `${file}: ok`,
  validSummary: (ok: number, total: number) => `${ok} of ${total} scenario file(s) valid.`,
  badMaxRequests: (value: unknown) =>
    `expected a whole number of requests ≥ 1 like 50000000, got ${Array.isArray(value) ? 'it more than once' : JSON.stringify(value)}`,
  internalError: () => 'ttlsim: internal error (this is a bug; please report it with the command you ran):',
  progress: (scenario: string, index: number, count: number, policy: string) =>
    `${scenario}: policy ${index + 1}/${count} (${policy})`,
  seedNotInteger: (value: unknown) => `--seed: expected an integer, got ${JSON.stringify(value)}`,
  noProfiles: (provider: string) => `--provider: no price profiles for "${provider}"`,
  unknownPolicy: (name: string, known: readonly string[]) =>
    `no policy "${name}" was evaluated; one of ${known.map((k) => `"${k}"`).join(', ')}`,
  replayProgress: (index: number, count: number, file: string) => `reading log ${index + 1}/${count}: ${file}`,
  badTime: (value: string) =>
    `expected an ISO-8601 date or time like 2026-02-12 or 2026-02-12T16:00:00Z, got "${value}"`,
  badColumns: (pair: string) => `expected ours=theirs pairs like timestamp=ts,key=user, got "${pair}"`,
} as const;
