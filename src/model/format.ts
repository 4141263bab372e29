// model/ (layer 0, imports nothing): number and duration formatting for people (terminal tables, titles,
// messages). Pure and locale-independent, so output is byte-identical on every machine.
import { DURATION_UNITS } from './time.js';

/**
 * 270000 → "4m30s", 90061000 → "1d1h1m1s"; 0 → "0ms": the scenario format's own notation (the inverse of
 * scenario/units.ts parseDuration for whole ms), so messages and reports quote durations as users write them.
 */
export function formatDuration(ms: number): string {
  if (ms === 0) return '0ms';
  let rest = Math.round(ms);
  let text = '';
  for (const [unit, size] of DURATION_UNITS) {
    const count = Math.floor(rest / size);
    if (count > 0) {
      text += `${count}${unit}`;
      rest -= count * size;
    }
  }
  return text;
}

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
