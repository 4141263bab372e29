// `ttlsim prices` output: the price profiles as a plain terminal table (no colours, so the output is
// byte-identical everywhere) or as JSON-able rows (a missing tier's NaN price becomes null).
import type { PriceProfile, ProfileRefresh } from '../pricing/profile.js';
import { compactTable } from './comparison.js';

const NONE = '—';

/** `$0.30`, `$18.75`, `$0.0375`: at least cents, up to four decimals, never float noise. */
function formatPrice(usdPerMTok: number): string {
  if (Number.isNaN(usdPerMTok)) return NONE;
  const [whole, fraction = ''] = usdPerMTok.toFixed(4).split('.');
  return `$${whole}.${fraction.replace(/0+$/, '').padEnd(2, '0')}`;
}

const HEAD = [
  'provider',
  'model',
  'input',
  '5m write',
  '1h write',
  'read',
  'output',
  'storage/h',
  'min tokens',
  'TTLs',
  'as of',
];
const RIGHT_ALIGNED = new Set(['input', '5m write', '1h write', 'read', 'output', 'storage/h', 'min tokens']);

export function formatPriceTable(profiles: readonly PriceProfile[]): string {
  const table = compactTable(
    HEAD,
    HEAD.map((column) => (RIGHT_ALIGNED.has(column) ? 'right' : 'left')),
  );
  for (const p of profiles) {
    const usd = p.usdPerMTok;
    table.push([
      p.provider,
      p.model,
      formatPrice(usd.input),
      formatPrice(usd.cacheWrite5m),
      formatPrice(usd.cacheWrite1h),
      formatPrice(usd.cacheRead),
      formatPrice(usd.output),
      usd.storagePerHour === 0 ? NONE : formatPrice(usd.storagePerHour),
      String(p.minCacheableTokens),
      p.ttls.map((ttl) => `${ttl} ${p.refresh[ttl] ?? ''}`.trim()).join(', '),
      p.asOf,
    ]);
  }
  return [
    'Prices in USD per million tokens; storage per million tokens per hour.',
    '"1h write" is what ttlsim bills for any TTL above 5 minutes (e.g. GPT-5.6\'s 30m); — = no such tier or fee.',
    table.toString(),
    '',
  ].join('\n');
}

/** A profile as JSON can carry it: NaN (no such tier) becomes null. */
export interface PriceProfileJson {
  readonly provider: string;
  readonly model: string;
  readonly displayName: string;
  readonly usdPerMTok: {
    readonly input: number | null;
    readonly cacheWrite5m: number | null;
    readonly cacheWrite1h: number | null;
    readonly cacheRead: number | null;
    readonly output: number | null;
    readonly storagePerHour: number | null;
  };
  readonly minCacheableTokens: number;
  readonly ttls: string[];
  readonly refresh: Record<string, ProfileRefresh>;
  readonly ttlNonIncreasing: boolean;
  readonly sourceUrl: string;
  readonly asOf: string;
  readonly notes: string;
}

const orNull = (usd: number) => (Number.isNaN(usd) ? null : usd);

export function priceProfilesJson(profiles: readonly PriceProfile[]): PriceProfileJson[] {
  // Fields listed one by one: a fixed key order keeps the JSON byte-identical across runs and versions.
  return profiles.map((p) => ({
    provider: p.provider,
    model: p.model,
    displayName: p.displayName,
    usdPerMTok: {
      input: orNull(p.usdPerMTok.input),
      cacheWrite5m: orNull(p.usdPerMTok.cacheWrite5m),
      cacheWrite1h: orNull(p.usdPerMTok.cacheWrite1h),
      cacheRead: orNull(p.usdPerMTok.cacheRead),
      output: orNull(p.usdPerMTok.output),
      storagePerHour: orNull(p.usdPerMTok.storagePerHour),
    },
    minCacheableTokens: p.minCacheableTokens,
    ttls: [...p.ttls],
    refresh: { ...p.refresh },
    ttlNonIncreasing: p.ttlNonIncreasing,
    sourceUrl: p.sourceUrl,
    asOf: p.asOf,
    notes: p.notes,
  }));
}
