// Time on a human axis (issue 13): durations as `5m`, `1h`, `1d6h`, never raw minutes, at ticks a person
// would choose (1m, 5m, 15m, 1h, 6h, 1d…), and the sold TTL tiers (5m, 1h) as marks. PURE.
import { DAY_MS, HOUR_MS, MINUTE_MS, SECOND_MS } from '../../model/time.js';

/** A log axis of SECONDS labelled as durations (1s, 10s, 1m, 5m, 10m, 30m, 1h, 6h, 1d, 7d). */
export const DURATION_LOG_AXIS = {
  values: [1, 10, 60, 300, 600, 1800, 3600, 21600, 86400, 604800],
  labelExpr: durationLabelExpr(1000),
};

/** The TTL tiers providers sell, in ms, with their labels: the marks every TTL axis carries. */
export const SOLD_TIERS = [
  { ms: 5 * MINUTE_MS, label: '5m' },
  { ms: HOUR_MS, label: '1h' },
] as const;

/**
 * A Vega expression that prints `datum.value` (in units of `unitMs` milliseconds) as a duration:
 * `0`, `45s`, `5m`, `1h30m`, `2d6h`. Only the two largest parts, which is all an axis label needs.
 */
export function durationLabelExpr(unitMs: number): string {
  const v = `(datum.value * ${unitMs})`;
  const d = `floor(${v} / ${DAY_MS})`;
  const h = `floor((${v} % ${DAY_MS}) / ${HOUR_MS})`;
  const m = `floor((${v} % ${HOUR_MS}) / ${MINUTE_MS})`;
  const s = `round((${v} % ${MINUTE_MS}) / ${SECOND_MS})`;
  return [
    `${v} <= 0 ? '0'`,
    `${d} > 0 ? ${d} + 'd' + (${h} > 0 ? ${h} + 'h' : '')`,
    `${h} > 0 ? ${h} + 'h' + (${m} > 0 ? ${m} + 'm' : '')`,
    `${m} > 0 ? ${m} + 'm' + (${s} > 0 ? ${s} + 's' : '')`,
    `${s} + 's'`,
  ].join(' : ');
}

/** Tick steps a person reads at a glance. */
const STEPS_MS = [
  SECOND_MS,
  5 * SECOND_MS,
  15 * SECOND_MS,
  30 * SECOND_MS,
  MINUTE_MS,
  5 * MINUTE_MS,
  15 * MINUTE_MS,
  30 * MINUTE_MS,
  HOUR_MS,
  2 * HOUR_MS,
  3 * HOUR_MS,
  6 * HOUR_MS,
  12 * HOUR_MS,
  DAY_MS,
  2 * DAY_MS,
  7 * DAY_MS,
  14 * DAY_MS,
  30 * DAY_MS,
];

/** Tick values (ms) from 0 to spanMs, at the finest human step that gives at most `maxTicks` ticks. */
export function durationTicksMs(spanMs: number, maxTicks = 10): number[] {
  const step = STEPS_MS.find((s) => spanMs / s <= maxTicks) ?? Math.ceil(spanMs / maxTicks / DAY_MS) * DAY_MS;
  const ticks: number[] = [];
  for (let t = 0; t <= spanMs + 1e-9; t += step) ticks.push(t);
  return ticks;
}
