// replay/ (layer 9): what each replayed request is billed at (docs/pricing.md, docs/replay.md "Every
// model priced or skipped"): its model resolved to a profile (through `--model-map` and `--price`), then
// the long-context price, fast mode and the service tier where the log shows them. A request no profile
// prices is skipped, counted and located, and the rest of the replay runs.
import { promptTokens, type Request } from '../model/request.js';
import type { PriceProfile } from '../pricing/profile.js';
import { canonicalModel, findProfile, isOpaqueModelId, suggestModel } from '../pricing/lookup.js';
import { inputError } from '../model/errors.js';
import {
  STANDARD,
  modifiedProfile,
  parsePriceKey,
  priceKey,
  withoutVariants,
  type PriceModifiers,
} from '../pricing/price-key.js';
import { isStandardTier } from '../pricing/service-tiers.js';
import { isRecorded } from '../logs/usage-chain.js';
import type { LogProblem } from '../logs/types.js';
import type { PriceFigures } from './price-options.js';
import { replayMessages } from './messages.js';

export interface UnpricedRequests {
  /** Requests left out of the replay because nothing prices them. */
  readonly count: number;
  /** The same by model (with the modifier that has no price, e.g. `claude-opus-4-6 (fast)`), sorted by key. */
  readonly byModel: Readonly<Record<string, number>>;
  /** The first few, located. */
  readonly shown: readonly LogProblem[];
}

export interface ReplayPricingOptions {
  readonly provider: string;
  /** `--price MODEL=…`: prices for models the table lacks, or in place of its own. Keys as given. */
  readonly prices?: Readonly<Record<string, PriceFigures>>;
  /** `--model-map ID=MODEL`: logged ids (application inference profiles, …) → a model. Keys as given. */
  readonly modelMap?: Readonly<Record<string, string>>;
}

const SHOWN = 20;
const REFRESH = { '5m': 'sliding', '1h': 'fixed' } as const;

export class ReplayPricing {
  private readonly profiles = new Map<string, PriceProfile | null>();
  private readonly custom = new Map<string, PriceFigures>();
  private readonly mapped = new Map<string, string>();
  /** A Map, not an object: a logged model id may be `__proto__`. */
  private readonly byModel = new Map<string, number>();
  private readonly shown: LogProblem[] = [];
  private count = 0;
  /**
   * The logged model of the last request admitted or skipped, its profile and its `--model-map` target
   * (canonical): a log's requests mostly come one model after another of the same, and the three Map lookups
   * that find both (the profile, the canonical id, the map) give the same answer for the same id.
   */
  private lastModel: string | null = null;
  private lastBase: PriceProfile | null = null;
  private lastTarget: string | undefined = undefined;

  constructor(private readonly options: ReplayPricingOptions) {
    for (const [model, figures] of Object.entries(options.prices ?? {}))
      this.custom.set(canonicalModel(model), figures);
    for (const [from, to] of Object.entries(options.modelMap ?? {})) this.mapped.set(canonicalModel(from), to);
  }

  /** Every `--model-map` target must have a price: a typo there would otherwise skip every mapped request. */
  checkModelMap(): void {
    const { provider } = this.options;
    for (const target of this.mapped.values())
      if (this.baseOf(target) === null)
        throw inputError(
          '',
          '--model-map',
          replayMessages.unknownMapTarget(target, provider, suggestModel(provider, target)),
        );
  }

  /** The profile of a model or price key that `admit` let through (or any known model); a bug otherwise. */
  readonly priceOf = (key: string): PriceProfile => {
    const profile = this.lookup(key);
    if (profile === null) throw new Error(`no price for ${key}, which the replay admitted`);
    return profile;
  };

  /** Gives the request its price key and true, or counts and locates why nothing prices it and false. */
  admit(request: Request): boolean {
    // The logged id is resolved as a model, never parsed as a price key: a logged `x (batch)` names no model.
    if (request.model !== this.lastModel) {
      const target = this.mapped.get(canonicalModel(request.model));
      this.lastBase = this.baseOf(request.model);
      this.lastTarget = target === undefined ? undefined : canonicalModel(target);
      this.lastModel = request.model;
    }
    const base = this.lastBase;
    if (base === null) {
      const opaque = isOpaqueModelId(request.model);
      return this.skip(
        request,
        request.model,
        'model',
        opaque
          ? replayMessages.opaqueModel(request.model)
          : replayMessages.unpricedModel(request.model, this.options.provider),
      );
    }
    // A mapped id (`--model-map`) is billed, listed and cached as the model it stands for.
    if (this.lastTarget !== undefined) (request as { model: string }).model = this.lastTarget;
    const modifiers = modifiersOf(request, base);
    // Nearly every request is billed at its model's own price: no key to build, no second lookup.
    const standard = !modifiers.fast && !modifiers.longContext && isStandardTier(modifiers.serviceTier);
    const key = standard ? request.model : priceKey(request.model, modifiers);
    const profile = standard ? base : this.lookup(key);
    if (profile === null) {
      const field = modifiers.fast ? 'usage.speed' : 'usage.service_tier';
      const reason = modifiers.fast
        ? replayMessages.unpricedFast(base.model, this.options.provider, key)
        : replayMessages.unpricedServiceTier(modifiers.serviceTier, base.model, this.options.provider, key);
      return this.skip(request, key, field, reason);
    }
    if (isRecorded(request) && request.recorded.cacheWrite1h > 0 && Number.isNaN(profile.usdPerMTok.cacheWrite1h))
      return this.skip(
        request,
        `${key} (1h writes)`,
        'usage.cache_creation.ephemeral_1h_input_tokens',
        replayMessages.noOneHourPrice(base.model, this.options.provider),
      );
    if (key !== request.model) (request as { priceKey?: string }).priceKey = key;
    return true;
  }

  unpriced(): UnpricedRequests {
    const byModel = Object.fromEntries([...this.byModel].sort(([a], [b]) => (a < b ? -1 : 1)));
    return { count: this.count, byModel, shown: this.shown };
  }

  private skip(request: Request, model: string, field: string, reason: string): false {
    this.count++;
    this.byModel.set(model, (this.byModel.get(model) ?? 0) + 1);
    if (this.shown.length < SHOWN) {
      const at = isRecorded(request) ? request : { file: '', line: 0 };
      this.shown.push({ file: at.file, line: at.line, field, reason });
    }
    return false;
  }

  /** A model id or price key → its profile, or null where nothing prices it (memoised: once per key). */
  private lookup(key: string): PriceProfile | null {
    let profile = this.profiles.get(key);
    if (profile === undefined) {
      const { model, modifiers } = parsePriceKey(key);
      const base = this.baseOf(model);
      // `--price "claude-opus-4-6 (fast)=…"` prices one price key: fast mode, a service tier.
      const figures = key === model ? undefined : this.custom.get(canonicalModel(key));
      const modified =
        figures !== undefined
          ? withFigures(base ?? undefined, this.options.provider, key, figures)
          : base === null
            ? null
            : modifiedProfile(base, modifiers);
      profile = modified === null || typeof modified === 'string' ? null : modified;
      this.profiles.set(key, profile);
    }
    return profile;
  }

  private readonly bases = new Map<string, PriceProfile | null>();

  private baseOf(model: string): PriceProfile | null {
    let profile = this.bases.get(model);
    if (profile === undefined) this.bases.set(model, (profile = this.baseProfile(model)));
    return profile;
  }

  private baseProfile(model: string): PriceProfile | null {
    const id = this.mapped.get(canonicalModel(model)) ?? model;
    const listed = findProfile(this.options.provider, id);
    const figures = this.custom.get(canonicalModel(id));
    if (figures === undefined) return listed ?? null;
    return withFigures(listed, this.options.provider, canonicalModel(id), figures);
  }
}

/** A profile from `--price` figures: over a listed profile (its other fields kept), or a new one. */
function withFigures(
  listed: PriceProfile | undefined,
  provider: string,
  model: string,
  figures: PriceFigures,
): PriceProfile {
  const usdPerMTok = {
    input: figures.input,
    cacheWrite5m: figures.cacheWrite5m,
    cacheWrite1h: figures.cacheWrite1h,
    cacheRead: figures.cacheRead,
    output: figures.output,
    storagePerHour: 0,
  };
  const has1h = !Number.isNaN(figures.cacheWrite1h);
  const note = replayMessages.pricedByFlag();
  if (listed !== undefined) {
    // The figures replace every price, so the listed long-context and fast prices no longer apply.
    return {
      ...withoutVariants(listed),
      model,
      usdPerMTok,
      ttls: has1h ? [...new Set([...listed.ttls, '1h'])] : listed.ttls.filter((t) => t !== '1h'),
      minCacheableTokens: figures.minCacheableTokens ?? listed.minCacheableTokens,
      notes: `${listed.notes} ${note}`,
    };
  }
  return {
    provider,
    model,
    displayName: model,
    usdPerMTok,
    minCacheableTokens: figures.minCacheableTokens ?? 0,
    ttls: has1h ? ['5m', '1h'] : ['5m'],
    refresh: REFRESH,
    ttlNonIncreasing: true,
    sourceUrl: '',
    asOf: '',
    notes: note,
  };
}

/**
 * What changes the request's price: fast mode and the service tier as logged, and the long-context price
 * where the profile has one and the request's input (uncached + written + read, the same under every
 * policy) is above its threshold.
 */
function modifiersOf(request: Request, base: PriceProfile): PriceModifiers {
  const recorded = isRecorded(request);
  const fast = recorded && request.fast === true;
  const serviceTier = recorded ? (request.serviceTier ?? '') : '';
  const long = base.longContext;
  let longContext = false;
  if (long !== undefined) {
    const usage = isRecorded(request) ? request.recorded : undefined;
    const input =
      usage === undefined
        ? promptTokens(request)
        : usage.input + usage.cacheWrite5m + usage.cacheWrite1h + usage.cacheRead;
    longContext = input > long.aboveInputTokens;
  }
  // The common case allocates nothing: a replay admits every request through here.
  return !fast && !longContext && serviceTier === '' ? STANDARD : { fast, longContext, serviceTier };
}
