// `ttlsim prices` output: the profiles as a plain terminal table (no colours: byte-identical output) or
// as JSON-able rows (a missing tier's NaN price becomes null).
import Table from 'cli-table3';
import type { PriceProfile } from '../pricing/profile.js';
import { COMPACT } from './comparison.js';

const price = (usd: number) => (Number.isNaN(usd) ? '—' : `$${Number(usd.toFixed(4))}`);

export function formatPriceTable(profiles: readonly PriceProfile[]): string {
  const table = new Table({
    head: ['provider', 'model', 'input', '5m write', '1h write', 'read', 'output', 'storage/h', 'min tokens', 'TTLs', 'as of'],
    style: { head: [], border: [] },
    chars: COMPACT,
  });
  for (const p of profiles) {
    const usd = p.usdPerMTok;
    table.push([
      p.provider,
      p.model,
      price(usd.input),
      price(usd.cacheWrite5m),
      price(usd.cacheWrite1h),
      price(usd.cacheRead),
      price(usd.output),
      usd.storagePerHour === 0 ? '—' : price(usd.storagePerHour),
      String(p.minCacheableTokens),
      p.ttls.map((t) => `${t} ${p.refresh[t] ?? ''}`.trim()).join(', '),
      p.asOf,
    ]);
  }
  return `Prices in USD per million tokens (storage: per million tokens per hour).\n${table.toString()}\n`;
}

export function priceProfilesJson(profiles: readonly PriceProfile[]): unknown[] {
  return profiles.map((p) => ({
    ...p,
    usdPerMTok: Object.fromEntries(Object.entries(p.usdPerMTok).map(([k, v]) => [k, Number.isNaN(v) ? null : v])),
  }));
}
