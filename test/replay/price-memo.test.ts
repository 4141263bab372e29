// ReplayPricing.admit remembers the last logged model's profile and `--model-map` target (price-requests.ts):
// whatever the order of the models, every request is admitted or skipped, renamed and price-keyed exactly as
// by a ReplayPricing that has seen no request before, and the skipped ones are counted and shown the same.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ReplayPricing, type ReplayPricingOptions } from '../../src/replay/price-requests.js';
import type { Request } from '../../src/model/request.js';
import type { LogProblem } from '../../src/logs/types.js';

const PROFILE_ARN = 'arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/a1b2c3d4e5f6';
const UNMAPPED_ARN = 'arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/ffffffffffff';

const OPTIONS: ReplayPricingOptions = {
  provider: 'anthropic',
  prices: { 'house-model': { input: 1, cacheWrite5m: 1.25, cacheWrite1h: Number.NaN, cacheRead: 0.1, output: 5 } },
  modelMap: { [PROFILE_ARN]: 'claude-sonnet-4-5', 'team-alias': 'claude-haiku-4-5', 'house-alias': 'house-model' },
};

/** Known, dated, mapped (to a listed and to a `--price` model), priced by flag, unknown and opaque ids. */
const MODELS = [
  'claude-sonnet-4-5',
  'claude-sonnet-4-5-20250929',
  'claude-opus-4-8',
  'claude-haiku-4-5',
  PROFILE_ARN,
  'team-alias',
  'house-alias',
  'house-model',
  'gpt-unknown-9',
  UNMAPPED_ARN,
];

interface Logged {
  readonly model: string;
  readonly fast: boolean;
  readonly serviceTier: string;
  readonly inputTokens: number;
  readonly cacheWrite1h: number;
}

let line = 0;

/** A recorded request as a usage log gives it (admit reads its model, mode, tier and usage). */
function request(logged: Logged): Request {
  return {
    atMs: 0,
    scope: 'org',
    model: logged.model,
    segments: [],
    segmentCount: 0,
    tailTokens: logged.inputTokens,
    outputTokens: 10,
    threadId: 't',
    threadKind: 'main',
    sessionId: 's',
    recorded: {
      input: logged.inputTokens,
      cacheWrite5m: 0,
      cacheWrite1h: logged.cacheWrite1h,
      cacheRead: 0,
      output: 10,
    },
    fast: logged.fast,
    serviceTier: logged.serviceTier,
    file: 'log.jsonl',
    line: ++line,
  } as Request;
}

interface Outcome {
  readonly admitted: boolean;
  readonly model: string;
  readonly priceKey: string | undefined;
}

const outcomeOf = (admitted: boolean, r: Request): Outcome => ({ admitted, model: r.model, priceKey: r.priceKey });

/** Admits `stream` through one ReplayPricing, and each request through a fresh one (no memory to reuse). */
function bothWays(stream: readonly Logged[]) {
  const pricing = new ReplayPricing(OPTIONS);
  const memoised: Outcome[] = [];
  const fresh: Outcome[] = [];
  let count = 0;
  const byModel: Record<string, number> = {};
  const shown: LogProblem[] = [];
  for (const logged of stream) {
    const one = request(logged);
    memoised.push(outcomeOf(pricing.admit(one), one));
    const alone = new ReplayPricing(OPTIONS);
    const other = { ...one };
    fresh.push(outcomeOf(alone.admit(other), other));
    const skipped = alone.unpriced();
    count += skipped.count;
    for (const [model, n] of Object.entries(skipped.byModel)) byModel[model] = (byModel[model] ?? 0) + n;
    if (shown.length < 20) shown.push(...skipped.shown);
  }
  const sorted = Object.fromEntries(Object.entries(byModel).sort(([a], [b]) => (a < b ? -1 : 1)));
  return { memoised, fresh, unpriced: pricing.unpriced(), expected: { count, byModel: sorted, shown } };
}

const standard = (model: string): Logged => ({
  model,
  fast: false,
  serviceTier: '',
  inputTokens: 1000,
  cacheWrite1h: 0,
});

describe('admit remembers the last model', () => {
  it('a model that changes and changes back: mapped, unknown and opaque ids as on their own', () => {
    const stream = [
      'team-alias',
      'team-alias',
      'claude-sonnet-4-5',
      'team-alias',
      'gpt-unknown-9',
      'gpt-unknown-9',
      'claude-sonnet-4-5',
      UNMAPPED_ARN,
      PROFILE_ARN,
      PROFILE_ARN,
      'house-alias',
      'gpt-unknown-9',
    ].map(standard);
    const { memoised, fresh, unpriced, expected } = bothWays(stream);
    expect(memoised).toEqual(fresh);
    expect(unpriced).toEqual(expected);
    // What that means, spelled out: mapped ids billed as their targets on every request, the rest refused.
    expect(memoised.map((o) => (o.admitted ? o.model : null))).toEqual([
      'claude-haiku-4-5',
      'claude-haiku-4-5',
      'claude-sonnet-4-5',
      'claude-haiku-4-5',
      null,
      null,
      'claude-sonnet-4-5',
      null,
      'claude-sonnet-4-5',
      'claude-sonnet-4-5',
      'house-model',
      null,
    ]);
    expect(unpriced.count).toBe(4);
    expect(unpriced.byModel).toEqual({ 'gpt-unknown-9': 3, [UNMAPPED_ARN]: 1 });
    expect(unpriced.shown.map((p) => p.reason.startsWith(`"${UNMAPPED_ARN}" names no model`))).toEqual([
      false,
      false,
      true,
      false,
    ]);
  });

  it('any order of models, runs of one model, fast mode, service tiers, long context and 1h writes', () => {
    const logged = fc.record({
      model: fc.constantFrom(...MODELS),
      fast: fc.boolean(),
      serviceTier: fc.constantFrom('', '', 'standard', 'batch', 'priority'),
      inputTokens: fc.constantFrom(1000, 250_000),
      cacheWrite1h: fc.constantFrom(0, 0, 500),
    });
    // Runs, so that most requests follow one of the same model (the memo's hits) and some do not.
    const runs = fc.array(fc.tuple(logged, fc.integer({ min: 1, max: 4 })), { minLength: 1, maxLength: 40 });
    fc.assert(
      fc.property(runs, (stretches) => {
        const stream = stretches.flatMap(([one, times]) => Array<Logged>(times).fill(one));
        const { memoised, fresh, unpriced, expected } = bothWays(stream);
        expect(memoised).toEqual(fresh);
        expect(unpriced).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});
