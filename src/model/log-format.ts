// model/ (layer 0, imports nothing): what every recorded-log reader of logs/ shares with the scenario
// format: the formats ttlsim reads and the largest token count a single request can believably carry.
// The formats themselves are described in docs/log-formats.md.

/** The log formats ttlsim reads, in the order messages and `--format` list them. */
export const LOG_FORMATS = ['claude-code', 'csv', 'bedrock', 'mooncake'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

/** Token counts above this are not believable for one request (the largest context is 1M tokens). */
export const MAX_TOKENS = 10_000_000;
