// Number and duration formatting for people (terminal tables, titles). Pure and locale-independent,
// so output is byte-identical on every machine.

/** 90061000 → "1d1h1m1s": the scenario format's own notation, so reports quote durations as users write them. */
export { formatDuration } from '../scenario/units.js';

/** Dollars with cents, and more digits when small: $1,234.56 · $0.0123. */
export function formatUsd(usd: number): string {
  const abs = Math.abs(usd);
  const digits = abs >= 1 ? 2 : abs >= 0.01 ? 4 : 6;
  const fixed = abs.toFixed(digits);
  const [whole, fraction] = fixed.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${usd < 0 ? '-' : ''}$${grouped}${fraction === undefined ? '' : `.${fraction}`}`;
}

/** 0.31234 → "31.2%". */
export function formatPercent(fraction: number): string {
  return `${(fraction * 100).toFixed(1)}%`;
}

/** 1234567 → "1,234,567". */
export function formatCount(count: number): string {
  return Math.round(count)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
