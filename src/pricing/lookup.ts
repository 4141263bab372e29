// Finds price profiles by provider and model (case-insensitive, with the ids logs, SDKs and cloud consoles
// use), applies a scenario's overrides, and suggests the closest id for "did you mean" messages.
import type { PriceProfile } from './profile.js';
import type { PriceOverrides } from '../model/scenario.js';
import { MODEL_ALIASES, PRICE_PROFILES } from './profiles.js';

const keyOf = (provider: string, model: string) => `${provider}/${model}`;
const BY_KEY: ReadonlyMap<string, PriceProfile> = new Map(PRICE_PROFILES.map((p) => [keyOf(p.provider, p.model), p]));

export function listProfiles(): readonly PriceProfile[] {
  return PRICE_PROFILES;
}

/** Provider names in listing order. */
export function providers(): string[] {
  return [...new Set(PRICE_PROFILES.map((p) => p.provider))];
}

/** The model ids `provider` has profiles for (empty for an unknown provider). */
export function knownModels(provider: string): string[] {
  const wanted = provider.trim().toLowerCase();
  return PRICE_PROFILES.filter((p) => p.provider === wanted).map((p) => p.model);
}

/**
 * An ARN that names a resource rather than a model: an application inference profile, a provisioned or
 * custom model. Only the caller's account knows which model is behind it (`--model-map`).
 */
const OPAQUE_ARN = /^arn:aws[\w-]*:bedrock:[^:]*:[^:]*:(?!foundation-model\/|inference-profile\/)[\w-]+\//;

/** True for a model id that names no model (an application inference profile's ARN, …). */
export function isOpaqueModelId(model: string): boolean {
  return OPAQUE_ARN.test(model.trim().toLowerCase());
}

const canonicalIds = new Map<string, string>();

/**
 * Normalises a model id to the form profiles use: lower case; a path prefix dropped (`models/…`,
 * `anthropic/…`, foundation-model and inference-profile ARNs, Vertex resource names); Bedrock's
 * cross-region prefix (`us.`, `eu.`, `apac.`, `us-gov.`, `global.`, …), `anthropic.` and `-v1:0`, and
 * Vertex's `@20250929` removed; `claude-sonnet-4.5` spelt with hyphens; aliases and trailing dates
 * resolved, so that dated and undated ids of one model are one id (one cache, one price). An id that
 * names no model (isOpaqueModelId) is only trimmed and lower-cased. Memoised: replays call it per request.
 */
export function canonicalModel(model: string): string {
  let id = canonicalIds.get(model);
  if (id === undefined) {
    id = canonicalOf(model);
    if (canonicalIds.size < 10_000) canonicalIds.set(model, id);
  }
  return id;
}

function canonicalOf(model: string): string {
  let id = model.trim().toLowerCase();
  if (OPAQUE_ARN.test(id)) return id;
  id = id.slice(id.lastIndexOf('/') + 1).replace(/@.*$/, '');
  id = id.replace(/^(?:[a-z]+(?:-[a-z]+)*\.)?anthropic\./, '');
  // Only Claude ids: OpenAI's use dots (`gpt-4.1`) and other vendors may end in `-v3`.
  if (id.startsWith('claude-')) id = id.replace(/-v\d+(?::\d+)?$/, '').replaceAll('.', '-');
  // Own keys only: a logged id such as `constructor` must not find Object.prototype's.
  const aliasOf = (key: string) => (Object.hasOwn(MODEL_ALIASES, key) ? MODEL_ALIASES[key] : undefined);
  const alias = aliasOf(id);
  if (alias !== undefined) return alias;
  // Dated snapshots not in the alias map resolve to their family: Anthropic `-20250929`, OpenAI `-2025-04-14`.
  const undated = id.replace(/-\d{8}$/, '').replace(/-\d{4}-\d{2}-\d{2}$/, '');
  return aliasOf(undated) ?? undated;
}

export function findProfile(provider: string, model: string): PriceProfile | undefined {
  return BY_KEY.get(keyOf(provider.trim().toLowerCase(), canonicalModel(model)));
}

/** The profile with the scenario's prices and minimum in place of the listed ones; unchanged if none is set. */
export function applyOverrides(profile: PriceProfile, overrides: PriceOverrides): PriceProfile {
  const { minCacheableTokens, ...prices } = overrides;
  const setPrices = Object.fromEntries(Object.entries(prices).filter(([, value]) => value !== undefined)) as Partial<
    PriceProfile['usdPerMTok']
  >;
  const changed = [...Object.keys(setPrices), ...(minCacheableTokens === undefined ? [] : ['minCacheableTokens'])];
  if (changed.length === 0) return profile;
  return {
    ...profile,
    usdPerMTok: { ...profile.usdPerMTok, ...setPrices },
    minCacheableTokens: minCacheableTokens ?? profile.minCacheableTokens,
    notes: `${profile.notes} Overridden by the scenario: ${changed.join(', ')}.`.trim(),
  };
}

/**
 * The known id of `provider` closest to `model` by edit distance, if one is reasonably close. Aliases
 * compete too (a typo in a dated id lands on the dated id's model), but the answer is always a profile id.
 */
export function suggestModel(provider: string, model: string): string | undefined {
  const ids = knownModels(provider);
  const known = new Set(ids);
  const aliases = Object.keys(MODEL_ALIASES).filter((alias) => known.has(MODEL_ALIASES[alias]));
  const best = closest(canonicalModel(model), [...ids, ...aliases]);
  return best === undefined ? undefined : (MODEL_ALIASES[best] ?? best);
}

/** The candidate closest to `word` by edit distance, if within max(2, a third of its length); first wins ties. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(word, candidate);
    if (distance < bestDistance) {
      bestDistance = distance;
      best = candidate;
    }
  }
  return bestDistance <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

/** Levenshtein distance, two rows at a time. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}
