// logs/ (layer 4): AWS Bedrock model invocation logs (CloudWatch / S3 export, one JSON record a line) →
// RecordedCall, as the Claude Code reader yields; usage-chain.ts then rebuilds a prompt per thread. Pure:
// the lines come from read-lines.ts, unusable ones go back through the ProblemLog.
import type { LogLine, ProblemLog, RecordedCall, RecordedUsage } from './types.js';
import { MAX_TOKENS } from '../model/log-format.js';
import { bedrockMessages } from './messages.js';
import { pricingTags } from './pricing-tags.js';

export interface BedrockReadOptions {
  /** Project name for every call of the file; defaults to the record's `accountId`. */
  readonly project?: string;
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Why one line is unusable; thrown inside the reader, caught per line, never out of it. */
class LineProblem extends Error {
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(reason);
  }
}

/** A usage object from the response body, with its path for messages. */
interface BodyUsage {
  readonly usage: Json;
  readonly path: string;
}

/** The body keys that may repeat a count the record's `input`/`output` fields normally carry. */
const BODY_KEYS = {
  input: ['inputTokens', 'input_tokens', 'inputTokenCount'],
  cacheRead: ['cacheReadInputTokens', 'cache_read_input_tokens', 'cacheReadInputTokenCount'],
  cacheWrite: ['cacheWriteInputTokens', 'cache_creation_input_tokens', 'cacheWriteInputTokenCount'],
  output: ['outputTokens', 'output_tokens', 'outputTokenCount'],
} as const;

// A zone is required: without one Date.parse reads local time, and a pure reader must not depend on TZ.
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/;

export function readBedrockCalls(
  lines: Iterable<LogLine>,
  problems: ProblemLog,
  options: BedrockReadOptions = {},
): RecordedCall[] {
  const calls: RecordedCall[] = [];
  for (const line of lines) {
    try {
      calls.push(toCall(line, options));
    } catch (error) {
      if (!(error instanceof LineProblem)) throw error;
      problems.add(line.file, line.line, error.field, error.reason);
    }
  }
  // Array.prototype.sort is stable, so calls logged in the same millisecond keep their file order.
  return calls.sort((a, b) => a.startMs - b.startMs);
}

/** A cheap test on the raw text (no parse: a line can carry megabytes of prompt body). */
export function isBedrockLine(text: string): boolean {
  return text.trimStart().startsWith('{') && /"schemaType"\s*:\s*"ModelInvocationLog"/.test(text);
}

const BEDROCK_ID = /^(?:(?:us|us-gov|eu|apac|jp|au|ca|global)\.)?anthropic\.(claude-.+?)(?:-v\d+(?::\d+)?)?$/;
// Foundation-model and system inference-profile ARNs name the model; an application inference
// profile's ARN carries an opaque id, so it stays as logged.
const MODEL_ARN = /^arn:aws[\w-]*:bedrock:[^:]*:[^:]*:(?:foundation-model|inference-profile)\/(.+)$/;

export function bedrockModelId(modelId: string): string {
  const id = MODEL_ARN.exec(modelId)?.[1] ?? modelId;
  const match = BEDROCK_ID.exec(id);
  return match === null ? modelId : match[1];
}

function toCall(line: LogLine, options: BedrockReadOptions): RecordedCall {
  let record: unknown;
  try {
    record = JSON.parse(line.text);
  } catch (error) {
    throw new LineProblem('', bedrockMessages.invalidJson((error as Error).message));
  }
  if (!isObject(record)) throw new LineProblem('', bedrockMessages.notInvocationLog(undefined));
  if (record.schemaType !== 'ModelInvocationLog')
    throw new LineProblem('schemaType', bedrockMessages.notInvocationLog(record.schemaType));

  const timestamp = record.timestamp;
  const startMs = typeof timestamp === 'string' && ISO_TIME.test(timestamp) ? Date.parse(timestamp) : NaN;
  if (!Number.isFinite(startMs)) throw new LineProblem('timestamp', bedrockMessages.badTimestamp(timestamp));
  const modelId = record.modelId;
  if (typeof modelId !== 'string' || modelId === '')
    throw new LineProblem('modelId', bedrockMessages.badModelId(modelId));

  const input = isObject(record.input) ? record.input : {};
  const output = isObject(record.output) ? record.output : {};
  const bodies = bodyUsages(output.outputBodyJson);
  if (output.outputTokenCount === undefined && !bodies.some((b) => hasAny(b.usage, BODY_KEYS.output))) {
    throw new LineProblem('output.outputTokenCount', bedrockMessages.erroredInvocation());
  }
  const uncached = count(input, 'input', 'inputTokenCount', bodies, BODY_KEYS.input);
  // A call that used no caching may log no cache counts at all: those are zero, not missing.
  const cacheRead = count(input, 'input', 'cacheReadInputTokenCount', bodies, BODY_KEYS.cacheRead, 0);
  const cacheWrite = count(input, 'input', 'cacheWriteInputTokenCount', bodies, BODY_KEYS.cacheWrite, 0);
  const split = ttlSplit(bodies, cacheWrite);
  const outputTokens = count(output, 'output', 'outputTokenCount', bodies, BODY_KEYS.output);
  const usage: RecordedUsage = { input: uncached, ...split, cacheRead, output: outputTokens };

  const accountId = typeof record.accountId === 'string' ? record.accountId : '';
  const threadId = threadOf(record, accountId, modelId);
  return {
    startMs,
    model: bedrockModelId(modelId),
    usage,
    ttl: usage.cacheWrite1h > 0 && usage.cacheWrite1h >= usage.cacheWrite5m ? '1h' : '5m',
    threadId,
    threadKind: 'main',
    sessionId: threadId,
    project: options.project ?? accountId,
    version: '',
    afterCompaction: false,
    parentThreadId: '',
    // Bedrock writes one record per invocation: a repeated requestId is a copy (seen-requests.ts).
    requestKey: typeof record.requestId === 'string' ? record.requestId : '',
    file: line.file,
    line: line.line,
    // An Anthropic body (InvokeModel) carries `speed` and `service_tier` in its usage, as the API does.
    ...pricingTags(bodies.find((b) => b.usage.service_tier !== undefined || b.usage.speed !== undefined)?.usage),
  };
}

/**
 * Bedrock logs no conversation id. A caller may tag one in requestMetadata; otherwise a caller's calls to
 * one model are one thread, because as far as the log can tell they share one cache prefix chain (the
 * cache is per account and model, and nothing in the record separates one conversation from another).
 */
function threadOf(record: Json, accountId: string, modelId: string): string {
  const metadata = isObject(record.requestMetadata) ? record.requestMetadata : {};
  for (const key of ['sessionId', 'conversationId']) {
    const tagged = metadata[key];
    if (typeof tagged === 'string' && tagged !== '') return tagged;
  }
  const identity = isObject(record.identity) ? record.identity : {};
  const caller = typeof identity.arn === 'string' && identity.arn !== '' ? identity.arn : accountId;
  return `${caller}/${modelId}`;
}

/**
 * The usage objects of a response body: Converse and InvokeModel bodies carry one at `usage`; a streamed
 * body logged as a list of chunks carries them per chunk (Anthropic `message_start.message.usage` and
 * `message_delta.usage`, ConverseStream `metadata.usage`, `amazon-bedrock-invocationMetrics`).
 */
function bodyUsages(body: unknown): BodyUsage[] {
  const found: BodyUsage[] = [];
  const visit = (chunk: unknown, path: string) => {
    if (!isObject(chunk)) return;
    if (isObject(chunk.usage)) found.push({ usage: chunk.usage, path: `${path}.usage` });
    if (isObject(chunk.message) && isObject(chunk.message.usage))
      found.push({ usage: chunk.message.usage, path: `${path}.message.usage` });
    if (isObject(chunk.metadata) && isObject(chunk.metadata.usage))
      found.push({ usage: chunk.metadata.usage, path: `${path}.metadata.usage` });
    const metrics = chunk['amazon-bedrock-invocationMetrics'];
    if (isObject(metrics)) found.push({ usage: metrics, path: `${path}.amazon-bedrock-invocationMetrics` });
  };
  const root = 'output.outputBodyJson';
  if (Array.isArray(body)) body.forEach((chunk, i) => visit(chunk, `${root}[${i}]`));
  else visit(body, root);
  return found;
}

const hasAny = (usage: Json, keys: readonly string[]) => keys.some((key) => usage[key] !== undefined);

/**
 * A token count from the record's `input`/`output` field; when that is absent, from the body's usage
 * (the last chunk that has it: a stream's final counts are its cumulative ones).
 */
function count(
  holder: Json,
  holderPath: string,
  key: string,
  bodies: readonly BodyUsage[],
  bodyKeys: readonly string[],
  absent?: number,
): number {
  if (holder[key] !== undefined) return checkedCount(holder[key], `${holderPath}.${key}`);
  for (let i = bodies.length - 1; i >= 0; i--) {
    for (const bodyKey of bodyKeys) {
      const value = bodies[i].usage[bodyKey];
      if (value !== undefined) return checkedCount(value, `${bodies[i].path}.${bodyKey}`);
    }
  }
  if (absent !== undefined) return absent;
  throw new LineProblem(`${holderPath}.${key}`, bedrockMessages.missingCount());
}

function checkedCount(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0)
    throw new LineProblem(field, bedrockMessages.badCount(value));
  if (value > MAX_TOKENS) throw new LineProblem(field, bedrockMessages.absurdCount(value));
  return value;
}

/**
 * Splits the call's written tokens by TTL: Converse `usage.cacheDetails[{ttl, inputTokens}]`, else the
 * Anthropic body's `usage.cache_creation.ephemeral_{5m,1h}_input_tokens`. Written tokens the split does
 * not cover are 5m, the default TTL of a cache point that names none.
 */
function ttlSplit(bodies: readonly BodyUsage[], cacheWrite: number): { cacheWrite5m: number; cacheWrite1h: number } {
  let split5m = 0;
  let split1h = 0;
  let splitPath = '';
  const details = bodies.find((b) => b.usage.cacheDetails !== undefined);
  const creation = bodies.find((b) => isObject(b.usage.cache_creation));
  if (details !== undefined) {
    splitPath = `${details.path}.cacheDetails`;
    const list = details.usage.cacheDetails;
    if (!Array.isArray(list)) throw new LineProblem(splitPath, bedrockMessages.notAList(list));
    list.forEach((detail: unknown, i) => {
      const at = `${splitPath}[${i}]`;
      const entry = isObject(detail) ? detail : {};
      const tokens =
        entry.inputTokens === undefined
          ? missing(`${at}.inputTokens`)
          : checkedCount(entry.inputTokens, `${at}.inputTokens`);
      if (entry.ttl === '5m') split5m += tokens;
      else if (entry.ttl === '1h') split1h += tokens;
      else throw new LineProblem(`${at}.ttl`, bedrockMessages.badTtl(entry.ttl));
    });
  } else if (creation !== undefined) {
    splitPath = `${creation.path}.cache_creation`;
    const object = creation.usage.cache_creation as Json;
    const optional = (key: string) =>
      object[key] === undefined ? 0 : checkedCount(object[key], `${splitPath}.${key}`);
    split5m = optional('ephemeral_5m_input_tokens');
    split1h = optional('ephemeral_1h_input_tokens');
  }
  // A split larger than the total means the two disagree; which one is right cannot be told, so the
  // line is refused rather than billed either way.
  if (split5m + split1h > cacheWrite)
    throw new LineProblem(splitPath, bedrockMessages.splitExceedsWrites(split5m + split1h, cacheWrite));
  return { cacheWrite5m: cacheWrite - split1h, cacheWrite1h: split1h };
}

function missing(field: string): never {
  throw new LineProblem(field, bedrockMessages.missingCount());
}
