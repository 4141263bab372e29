// Anthropic first-party prices (research/domain.md §1.5): absolute $/MTok per model, minimum cacheable
// tokens, TTL tiers. Data only; lookup.ts resolves names and aliases.
import type { PriceProfile } from './profile.js';

const PRICING_URL = 'https://platform.claude.com/docs/en/about-claude/pricing';
const AS_OF = '2026-08-21';
/** ttlsim's documented default: 5m slides on every read, 1h is fixed from the write (DESIGN.md §1). */
const REFRESH = { '5m': 'sliding', '1h': 'fixed' } as const;

interface Row {
  readonly model: string;
  readonly displayName: string;
  readonly input: number;
  readonly write5m: number;
  readonly write1h: number;
  readonly read: number;
  readonly output: number;
  readonly minTokens: number;
  readonly asOf?: string;
  readonly sourceUrl?: string;
  readonly notes?: string;
}

// Columns: input, 5m write, 1h write, cache read, output ($/MTok); minimum cacheable prompt tokens.
const ROWS: readonly Row[] = [
  { model: 'claude-fable-5', displayName: 'Claude Fable 5', input: 10, write5m: 12.5, write1h: 20, read: 1, output: 50, minTokens: 512 },
  { model: 'claude-mythos-5', displayName: 'Claude Mythos 5', input: 10, write5m: 12.5, write1h: 20, read: 1, output: 50, minTokens: 512, notes: 'Limited availability.' },
  { model: 'claude-opus-5', displayName: 'Claude Opus 5', input: 5, write5m: 6.25, write1h: 10, read: 0.5, output: 25, minTokens: 512 },
  { model: 'claude-opus-4-8', displayName: 'Claude Opus 4.8', input: 5, write5m: 6.25, write1h: 10, read: 0.5, output: 25, minTokens: 1024 },
  { model: 'claude-opus-4-7', displayName: 'Claude Opus 4.7', input: 5, write5m: 6.25, write1h: 10, read: 0.5, output: 25, minTokens: 2048, notes: 'Minimum was 4,096 in the May 2026 docs.' },
  { model: 'claude-opus-4-6', displayName: 'Claude Opus 4.6', input: 5, write5m: 6.25, write1h: 10, read: 0.5, output: 25, minTokens: 4096 },
  { model: 'claude-opus-4-5', displayName: 'Claude Opus 4.5', input: 5, write5m: 6.25, write1h: 10, read: 0.5, output: 25, minTokens: 4096 },
  { model: 'claude-opus-4-1', displayName: 'Claude Opus 4.1', input: 15, write5m: 18.75, write1h: 30, read: 1.5, output: 75, minTokens: 1024, notes: 'Retired on the API except Bedrock and Google Cloud.' },
  { model: 'claude-opus-4', displayName: 'Claude Opus 4', input: 15, write5m: 18.75, write1h: 30, read: 1.5, output: 75, minTokens: 1024, notes: 'Retired except Google Cloud.' },
  { model: 'claude-sonnet-5', displayName: 'Claude Sonnet 5', input: 2, write5m: 2.5, write1h: 4, read: 0.2, output: 10, minTokens: 1024, notes: 'Introductory $2/$10 made standard (the announced $3/$15 did not happen).' },
  { model: 'claude-sonnet-4-6', displayName: 'Claude Sonnet 4.6', input: 3, write5m: 3.75, write1h: 6, read: 0.3, output: 15, minTokens: 1024, notes: 'Minimum was 2,048 in the March 2026 docs.' },
  { model: 'claude-sonnet-4-5', displayName: 'Claude Sonnet 4.5', input: 3, write5m: 3.75, write1h: 6, read: 0.3, output: 15, minTokens: 1024 },
  { model: 'claude-sonnet-4', displayName: 'Claude Sonnet 4', input: 3, write5m: 3.75, write1h: 6, read: 0.3, output: 15, minTokens: 1024, notes: 'Retired on the API except Bedrock and Google Cloud.' },
  { model: 'claude-haiku-4-5', displayName: 'Claude Haiku 4.5', input: 1, write5m: 1.25, write1h: 2, read: 0.1, output: 5, minTokens: 4096 },
  { model: 'claude-3-5-haiku', displayName: 'Claude Haiku 3.5', input: 0.8, write5m: 1, write1h: 1.6, read: 0.08, output: 4, minTokens: 2048, notes: 'Retired except Bedrock and Google Cloud. Counts cache reads toward ITPM.' },
  { model: 'claude-3-7-sonnet', displayName: 'Claude Sonnet 3.7', input: 3, write5m: 3.75, write1h: 6, read: 0.3, output: 15, minTokens: 1024, asOf: '2026-03-13', notes: 'Deprecated; from the March 2026 price table.' },
  { model: 'claude-3-opus', displayName: 'Claude Opus 3', input: 15, write5m: 18.75, write1h: 30, read: 1.5, output: 75, minTokens: 1024, asOf: '2026-03-13', notes: 'Deprecated; from the March 2026 price table.' },
  { model: 'claude-3-haiku', displayName: 'Claude Haiku 3', input: 0.25, write5m: 0.3, write1h: 0.5, read: 0.03, output: 1.25, minTokens: 2048, asOf: '2026-03-13', notes: 'Listed prices are rounded: the 5m write is 1.2× and the read 0.12× input, not 1.25× and 0.1×.' },
  { model: 'claude-fable-5-1', displayName: 'Claude Fable 5.1', input: 10, write5m: 12.5, write1h: 20, read: 0.25, output: 50, minTokens: 512, asOf: '2026-09-01', notes: 'Post-snapshot model: reads at 0.025× input, from a crawled pricing page and the 2026-09-01 release note. Minimum assumed equal to Fable 5.' },
  { model: 'claude-mythos-5-1', displayName: 'Claude Mythos 5.1', input: 10, write5m: 12.5, write1h: 20, read: 0.25, output: 50, minTokens: 512, asOf: '2026-09-01', notes: 'Post-snapshot model: reads at 0.025× input (crawled pricing page). Minimum assumed equal to Mythos 5.' },
  { model: 'claude-opus-5-5', displayName: 'Claude Opus 5.5', input: 4, write5m: 5, write1h: 8, read: 0.2, output: 20, minTokens: 512, asOf: '2026-09-22', sourceUrl: 'https://platform.claude.com/docs/zh-CN/models/opus-5-5/overview', notes: 'Post-snapshot model: reads at 0.05× input. Minimum assumed equal to Opus 5.' },
];
// Sonnet 5.5 and Haiku 5.5 are left out: only a third-party crate lists them, without write prices.

export const ANTHROPIC_PROFILES: readonly PriceProfile[] = ROWS.map((row) => ({
  provider: 'anthropic',
  model: row.model,
  displayName: row.displayName,
  usdPerMTok: { input: row.input, cacheWrite5m: row.write5m, cacheWrite1h: row.write1h, cacheRead: row.read, output: row.output, storagePerHour: 0 },
  minCacheableTokens: row.minTokens,
  ttls: ['5m', '1h'],
  refresh: REFRESH,
  ttlNonIncreasing: true,
  sourceUrl: row.sourceUrl ?? PRICING_URL,
  asOf: row.asOf ?? AS_OF,
  notes: row.notes ?? '',
}));

/** Model ids as they appear in API responses and logs → the profile's id. */
export const ANTHROPIC_ALIASES: Readonly<Record<string, string>> = {
  'claude-sonnet-4-5-20250929': 'claude-sonnet-4-5',
  'claude-sonnet-4-20250514': 'claude-sonnet-4',
  'claude-opus-4-20250514': 'claude-opus-4',
  'claude-opus-4-1-20250805': 'claude-opus-4-1',
  'claude-haiku-4-5-20251001': 'claude-haiku-4-5',
  'claude-3-5-haiku-20241022': 'claude-3-5-haiku',
  'claude-3-5-haiku-latest': 'claude-3-5-haiku',
  'claude-3-7-sonnet-20250219': 'claude-3-7-sonnet',
  'claude-3-7-sonnet-latest': 'claude-3-7-sonnet',
  'claude-3-opus-20240229': 'claude-3-opus',
  'claude-3-haiku-20240307': 'claude-3-haiku',
  'claude-opus-4-5-20251101': 'claude-opus-4-5',
};
