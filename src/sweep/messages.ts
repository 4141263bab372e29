// Every user-facing text of `ttlsim sweep`, as functions (vega-lite's log/message.ts): the parsers, the
// command and the tests call the same function, so a message is worded once.

export const sweepMessages = {
  needsAxis: () => 'a sweep needs --ttl or at least one --param (without them, use `ttlsim run`)',
  tooManyParams: (count: number) => `at most two --param make a grid, got ${count}`,
  ttlOnce: () => 'give --ttl once (a list like 5m,10m,30m,1h or a range like 1m..2h:20)',
  paramShape: (text: string) => `expected path=values like workload.gap.mean=1m..90m:10, got "${text}"`,
  paramTwice: (path: string) => `--param ${path} is given twice`,
  emptyValue: () => 'expected a value, a list like 5m,10m,30m or a range like 1m..2h:20',
  badValue: (text: string) => `expected a duration like "5m", a number or a rate like "15/h", got "${text}"`,
  rangeCount: (text: string) =>
    `a range needs its number of points after a colon, like 1m..2h:20 (log-spaced) or 1m..2h:lin20, got "${text}"`,
  tooFewPoints: (count: number) => `a range needs at least 2 points, got ${count}`,
  tooManyPoints: (count: number, limit: number) => `at most ${limit} points per axis, got ${count}`,
  mixedKinds: (a: string, b: string) => `every value must be of one kind: "${a}" and "${b}" are not`,
  mixedRateUnits: (a: string, b: string) => `rates of a range must share their unit: "${a}" and "${b}" do not`,
  equalEnds: (text: string) => `the two ends of a range must differ, got "${text}"`,
  logNeedsPositive: (text: string) =>
    `a log-spaced range needs ends above zero (use :linN for a linear one), got "${text}"`,
  ttlNotDuration: (text: string) => `expected TTLs as durations like 5m or a range like 1m..2h:20, got "${text}"`,
  ttlNotPositive: () => 'every TTL must be above zero (no-cache is always included)',
  tooManyRuns: (count: number, limit: number) =>
    `the sweep would simulate ${count.toLocaleString('en-US')} policy runs; the limit is ${limit.toLocaleString('en-US')}`,
  noField: (path: string, field: string, fields: readonly string[]) =>
    `no field "${field}" in ${path === '' ? 'the scenario' : path} of the scenario file (it has ${fields.length === 0 ? 'no fields' : fields.map((f) => `"${f}"`).join(', ')})`,
  isList: (path: string, length: number) =>
    `${path} is a list of ${length}: address one entry by its index, as in ${path}.0`,
  badIndex: (path: string, index: string, length: number) =>
    `${path} is a list of ${length}: no entry "${index}" (indices run from 0 to ${length - 1})`,
  pastScalar: (path: string, value: unknown) =>
    `${path} is ${JSON.stringify(value)}, not a mapping: write it as a mapping (e.g. { dist: constant, value: … }) to sweep one of its fields`,
  notScalar: (path: string, fields: readonly string[]) =>
    `${path} is ${fields.length === 0 ? 'a list' : `a mapping: address one of its fields (${fields.map((f) => `"${f}"`).join(', ')})`}`,
  atPoint: (flags: string, field: string, message: string) => `${flags}: ${field === '' ? '' : `${field}: `}${message}`,
  morePoints: (count: number) => `… and ${count} more problem(s) at other points`,
  progress: (scenario: string, done: number, total: number) => `${scenario} sweep: ${done}/${total} runs`,
  noWorker: (tried: string) => `the sweep worker is not compiled (looked for ${tried}): run \`npm run build\``,
} as const;
