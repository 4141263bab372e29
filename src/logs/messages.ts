// Every user-facing text about recorded logs, as functions (tests assert against the same functions).

export const logMessages = {
  noSuchPath: () => 'no such file or folder',
  noLogsInFolder: () => 'no log files here (looked for .jsonl, .json, .csv, .log and .ndjson files)',
  noUsableLines: () => 'no usable lines in this file',
  noDefaultDirs: () =>
    'no logs given and no Claude Code projects folder found (looked in $CLAUDE_CONFIG_DIR/projects, ~/.claude/projects and ~/.config/claude/projects); name a file or folder',
  unreadable: (code: string) => `cannot read this file (${code})`,
  emptyFile: () => 'empty file',
  unknownFormat: () => 'not a log format ttlsim reads (Claude Code, Bedrock or Mooncake JSON lines, or CSV)',
  lineTooLong: (bytes: number) => `line of ${bytes.toLocaleString('en-US')} bytes is too long to read; skipped`,
  noRequests: () => 'the logs hold no API requests with usage',
  backwards: () => 'starts before requests already replayed from other files; replayed at the current time',
  problemsSummary: (count: number, shown: number) =>
    count === 1
      ? '1 log line could not be used:'
      : `${count.toLocaleString('en-US')} log lines could not be used${count > shown ? ` (the first ${shown} shown)` : ''}:`,
  strict: () => '--strict: unusable log lines are errors',
} as const;
