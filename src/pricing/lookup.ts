// Finds price profiles by provider and model (case-insensitive, with the dated ids logs use), applies a
// scenario's overrides, and suggests the closest id for "did you mean" messages.
import type { PriceProfile } from './profile.js';
import type { PriceOverrides } from '../scenario/types.js';
import { ANTHROPIC_ALIASES, ANTHROPIC_PROFILES } from './profiles-anthropic.js';
import { CLOUD_PROFILES } from './profiles-cloud.js';
import { OTHER_PROFILES } from './profiles-other.js';

const ALL: readonly PriceProfile[] = [...ANTHROPIC_PROFILES, ...CLOUD_PROFILES, ...OTHER_PROFILES];
const BY_KEY = new Map(ALL.map((p) => [`${p.provider}/${p.model}`, p]));

export function listProfiles(): readonly PriceProfile[] {
  return ALL;
}

export function providers(): string[] {
  return [...new Set(ALL.map((p) => p.provider))];
}

export function knownModels(provider: string): string[] {
  const wanted = provider.toLowerCase();
  return ALL.filter((p) => p.provider === wanted).map((p) => p.model);
}

/** Normalises a model id: lower case, Bedrock/Vertex decorations (`anthropic.`, `-v1:0`, `@2025…`) removed, aliases resolved. */
export function canonicalModel(model: string): string {
  let id = model.trim().toLowerCase();
  id = id.replace(/^(?:[a-z]{2}\.)?anthropic\./, '').replace(/-v\d+(?::\d+)?$/, '').replace(/@\d{8}$/, '');
  const alias = ANTHROPIC_ALIASES[id];
  if (alias !== undefined) return alias;
  // A dated id not in the table (claude-x-y-YYYYMMDD) resolves to its undated family.
  const undated = id.replace(/-\d{8}$/, '');
  return ANTHROPIC_ALIASES[undated] ?? undated;
}

export function findProfile(provider: string, model: string): PriceProfile | undefined {
  return BY_KEY.get(`${provider.trim().toLowerCase()}/${canonicalModel(model)}`);
}

export function applyOverrides(profile: PriceProfile, overrides: PriceOverrides): PriceProfile {
  const { minCacheableTokens, ...prices } = overrides;
  const defined = Object.fromEntries(Object.entries(prices).filter(([, v]) => v !== undefined));
  if (Object.keys(defined).length === 0 && minCacheableTokens === undefined) return profile;
  return {
    ...profile,
    usdPerMTok: { ...profile.usdPerMTok, ...defined },
    minCacheableTokens: minCacheableTokens ?? profile.minCacheableTokens,
    notes: `${profile.notes} Prices overridden by the scenario.`.trim(),
  };
}

/** The known id of `provider` closest to `model` by edit distance, if any is reasonably close. */
export function suggestModel(provider: string, model: string): string | undefined {
  return closest(canonicalModel(model), knownModels(provider));
}

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
