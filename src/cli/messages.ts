// Every user-facing text of the CLI, as functions (vega-lite's log/message.ts): tests assert against
// these same functions, never against pasted strings.

export const cliMessages = {
  usageHint: () => 'Run `ttlsim --help` for usage.',
  unknownFlag: (command: string) =>
    `no such option${command === '' ? '' : ` of ${command}`}; \`ttlsim ${command === '' ? '' : `${command} `}--help\` lists them`,
  nameCommand: () => 'Name a command: run, replay, sweep, tune, fit, estimate, validate or prices.',
  wroteReport: (dir: string) => `Report: ${dir}`,
  // Output paths (src/cli/output.ts, src/cli/fit-output.ts).
  outEmpty: (got: unknown) => `expected a path, got ${JSON.stringify(got)}`,
  outTwice: () => 'given more than once; name one path',
  badFolderName: (name: string) =>
    `"${name}" cannot name a report folder: expected letters, digits, ".", "_" or "-", and not "." or ".."`,
  sameFolderTwice: (name: string, first: string, second: string) =>
    `${first} and ${second} are both named "${name}": their reports would be written to one folder`,
  outIsFile: () => 'is a file; name a folder for the report',
  outIsLink: () => 'is a symbolic link; name the folder or file itself',
  outIsRoot: () => 'is the root folder; name a folder for the report',
  outHoldsCwd: () => 'holds the working folder, which a report would replace; name another folder',
  outHoldsInput: (input: string) => `holds ${input}, an input of this command; name another folder`,
  outNotReport: (entry: string) =>
    `holds "${entry}", which is not a ttlsim report file; a report replaces its whole folder, so name a new or empty folder or a previous report's`,
  outNoReport: () =>
    'holds files but no summary.json, tune.json or sweep.json, so it is not a ttlsim report; name a new or empty folder',
  cannotWrite: (reason: string, code: string) => `cannot write: ${reason} (${code})`,
  fitOutIsLog: (log: string) => `is ${log}, one of the logs read; name another file`,
  fitOutInLogs: (folder: string) => `is inside ${folder}, a folder of the logs read; write the scenario elsewhere`,
  fitOutNotFile: () => 'is not a regular file (a device, FIFO or socket); name a file',
  fitOutNotOurs: () => 'exists and was not written by `ttlsim fit`; --force replaces it',
  validOk: (file: string) => `${file}: ok`,
  validSummary: (ok: number, total: number) => `${ok} of ${total} scenario file(s) valid.`,
  badMaxRequests: (value: unknown) =>
    `expected a whole number of requests ≥ 1 like 50000000, got ${Array.isArray(value) ? 'it more than once' : JSON.stringify(value)}`,
  internalError: () => 'ttlsim: internal error (this is a bug; please report it with the command you ran):',
  progress: (scenario: string, index: number, count: number, policy: string) =>
    `${scenario}: policy ${index + 1}/${count} (${policy})`,
  flagTwice: () => 'given more than once; give it once',
  flagAbove: (max: number, got: number) => `at most ${max}, got ${got}`,
  noProfiles: (provider: string) => `--provider: no price profiles for "${provider}"`,
  unknownPolicy: (name: string, known: readonly string[]) =>
    `no policy "${name}" was evaluated; one of ${known.map((k) => `"${k}"`).join(', ')}`,
  unknownBaseline: (name: string, known: readonly string[]) =>
    `no policy "${name}" in this scenario; one of ${known.map((k) => `"${k}"`).join(', ')}`,
  baselineTwice: (baseline: string, current: string) =>
    `"${baseline}", but --current (its older name) says "${current}"; give one`,
  replayProgress: (index: number, count: number, file: string) => `reading log ${index + 1}/${count}: ${file}`,
  cannotWriteStream: (stream: string, reason: string) => `${stream}: cannot write the output (${reason})`,
  badColumns: (pair: string) => `expected ours=theirs pairs like timestamp=ts,key=user, got "${pair}"`,
  noShardWorker: (tried: string) => `the shard worker is not compiled (looked for ${tried}): run \`npm run build\``,
  shardWorkerExit: (code: number) => `a shard's worker thread stopped with exit code ${code}`,
  shardNoReport: () => 'writes no report: it prints its partial result (run `ttlsim merge` on all of them)',
  mergeNotFile: () => 'not a file',
  mergeTooLarge: (maxBytes: number) => `larger than ${maxBytes.toLocaleString('en-US')} bytes`,
  mergedShards: (count: number, command: string) => `Merged ${count} shard(s) of \`ttlsim ${command}\`.`,
} as const;
