// replay/ (layer 9): the replay's price options as the command line gives them (docs/commands.md#replay):
// `--price MODEL=INPUT,WRITE5M,WRITE1H,READ,OUTPUT[,MIN_TOKENS]` and `--model-map ID=MODEL`, each checked
// here so that a bad one is one message naming the flag.
import { inputError } from '../model/errors.js';
import { replayMessages } from './messages.js';
import { MAX_USD_PER_MTOK } from '../pricing/profile.js';

/** USD per million tokens; `cacheWrite1h` NaN where the model has no 1h tier (`-` or empty). */
export interface PriceFigures {
  readonly input: number;
  readonly cacheWrite5m: number;
  readonly cacheWrite1h: number;
  readonly cacheRead: number;
  readonly output: number;
  /** Below this prompt length nothing is cached; the listed profile's, or 0 for a model the table lacks. */
  readonly minCacheableTokens?: number;
}

/** `MODEL=3,3.75,6,0.3,15` (or with `-` for no 1h tier, and a sixth figure for the minimum) per value. */
export function parsePriceFlags(values: readonly string[]): Record<string, PriceFigures> {
  const prices: Record<string, PriceFigures> = {};
  for (const value of values) {
    const at = value.lastIndexOf('=');
    const model = value.slice(0, at).trim();
    const figures = value
      .slice(at + 1)
      .split(',')
      .map((f) => f.trim());
    const bad = () => inputError('', '--price', replayMessages.badPrice(value));
    if (at <= 0 || model === '' || figures.length < 5 || figures.length > 6) throw bad();
    const usd = figures.map((f, i) => (i === 2 && (f === '-' || f === '') ? NaN : Number(f)));
    const priceOk = (n: number, i: number) => (i === 2 && Number.isNaN(n)) || (f(figures[i]) && n >= 0);
    if (!usd.slice(0, 5).every(priceOk)) throw bad();
    // Bounded like a scenario file's prices (pricing/profile.ts), so that no bill overflows to Infinity.
    if (usd.slice(0, 5).some((n) => n > MAX_USD_PER_MTOK))
      throw inputError('', '--price', replayMessages.priceTooHigh(value, MAX_USD_PER_MTOK));
    const min = usd[5];
    if (min !== undefined && !(Number.isInteger(min) && min >= 0)) throw bad();
    prices[model] = {
      input: usd[0],
      cacheWrite5m: usd[1],
      cacheWrite1h: usd[2],
      cacheRead: usd[3],
      output: usd[4],
      ...(min === undefined ? {} : { minCacheableTokens: min }),
    };
  }
  return prices;
}

/** A figure as a person writes one: a plain decimal, not `0x10`, `1e3` or `Infinity`. */
const f = (text: string) => /^\d+(?:\.\d+)?$/.test(text);

/** `ID=MODEL` per value. */
export function parseModelMap(values: readonly string[]): Record<string, string> {
  const map: Record<string, string> = {};
  for (const value of values) {
    const at = value.lastIndexOf('=');
    const from = value.slice(0, at).trim();
    const to = value.slice(at + 1).trim();
    if (at <= 0 || from === '' || to === '') throw inputError('', '--model-map', replayMessages.badModelMap(value));
    map[from] = to;
  }
  return map;
}
