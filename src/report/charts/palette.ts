// One colour per policy in every chart of every report and in the tables (issue 13): the colour follows
// from the policy's NAME alone — its family (no-cache, 5m, 1h, 1h-sliding, keep-alive, adaptive, oracle,
// as-recorded, role splits) gives the hue, its variant within the family a shade — so `5m` is the same
// orange in a run, a replay, a sweep and a tune of one scenario, whatever other policies sit beside it.
// Names that land on one shade are told apart per report (distinctColours, report/page-colours.ts).
// Categories that are not policies (billing categories, idle-gap bands) use NEUTRAL, never these hues.
import { parseDuration } from '../../scenario/units.js';

export type PolicyFamily =
  | 'no-cache'
  | '5m'
  | '1h'
  | '1h-sliding'
  | 'keep-alive'
  | 'adaptive'
  | 'oracle'
  | 'as-recorded'
  | 'role split'
  | 'other';

/** Hue of each family, from Okabe & Ito (2008): distinguishable with the common colour-vision deficiencies. */
export const FAMILY_COLOURS: Readonly<Record<PolicyFamily, string>> = {
  'no-cache': '#8C8C8C',
  '5m': '#E69F00',
  '1h': '#D55E00',
  '1h-sliding': '#CC79A7',
  'keep-alive': '#56B4E9',
  adaptive: '#009E73',
  oracle: '#000000',
  'as-recorded': '#7A5C00',
  'role split': '#0072B2',
  other: '#B8A300',
};

/** Greys for categories that are not policies (what was billed, idle-gap bands), light to dark. */
export const NEUTRAL = ['#E0E0E0', '#BDBDBD', '#969696', '#737373', '#525252', '#252525'] as const;

const TTL_NAME = /^ttl-(\S+?)(-sliding)?$/;

/** The family and the variant within it (0 = the family's own policy, its pure hue). */
export function policyFamily(name: string): { family: PolicyFamily; variant: number } {
  if (name === 'no-cache') return { family: 'no-cache', variant: 0 };
  if (name === 'oracle') return { family: 'oracle', variant: 0 };
  // The simulated as-recorded policy, and the logs' own billed figures beside it (a lighter shade).
  if (name.startsWith('as-recorded')) return { family: 'as-recorded', variant: 0 };
  if (name.startsWith('as recorded')) return { family: 'as-recorded', variant: 2 };
  if (name === 'adaptive' || name.startsWith('adaptive'))
    return { family: 'adaptive', variant: name === 'adaptive' ? 0 : 1 + (hash(name) % 3) };
  const keepalive = /^keepalive(?:-\S+-(\d+)m)?$/.exec(name);
  if (keepalive !== null) {
    // keepalive-4m30s-15m / -30m / -60m: shades by how long the pings go on.
    const idle = keepalive[1] === undefined ? 0 : Number(keepalive[1]);
    return { family: 'keep-alive', variant: idle === 0 ? 0 : idle <= 15 ? 1 : idle <= 30 ? 2 : 3 };
  }
  if (name.startsWith('keepalive')) return { family: 'keep-alive', variant: 4 };
  const ttl = TTL_NAME.exec(name);
  const ms = ttl === null ? null : parseDuration(ttl[1]);
  if (ttl !== null && ms !== null && ms > 0) {
    // A sweep's what-if TTLs: up to 5m they slide (5m family), above it fixed (1h) or sliding (1h-sliding).
    const sold = ms === 300_000 || ms === 3_600_000;
    const family = ms <= 300_000 ? '5m' : ttl[2] === undefined ? '1h' : '1h-sliding';
    return { family, variant: sold ? 0 : 1 + (Math.round(Math.log2(ms / 1000) * 2) % 5) };
  }
  const subagents = / · subagents (5m|1h)$/.exec(name);
  const base = subagents === null ? name : name.slice(0, subagents.index);
  if (base === '5m' || base === '1h' || base === '1h-sliding')
    return { family: base, variant: subagents === null ? 0 : subagents[1] === '1h' ? 1 : 2 };
  if (base === 'mixed') return { family: 'role split', variant: 0 };
  const split = /^1h (\S+), 5m \S+?(-sliding)?$/.exec(base);
  if (split !== null) {
    // 1h system, 5m project+history: the more roles at 1h, the darker; sliding twins lighter.
    const roles = split[1].split('+').length;
    return {
      family: 'role split',
      variant: (roles - 1) * 2 + (split[2] === undefined ? 1 : 2) + (subagents === null ? 0 : 6),
    };
  }
  return { family: 'other', variant: hash(name) % 6 };
}

/** Shade k of a hue: 0 the hue, then alternately darker and lighter, each step further from it. */
const SHADES = [0, -0.3, 0.35, -0.5, 0.55, -0.15, 0.2, -0.4, 0.45, -0.6, 0.65, -0.2, 0.3, -0.45];

export function policyColour(name: string): string {
  const { family, variant } = policyFamily(name);
  return shade(FAMILY_COLOURS[family], SHADES[variant % SHADES.length]);
}

/**
 * Colours of every policy of one report, all different. A family's own policy (`5m`, `1h`, `no-cache`, …:
 * variant 0 of a known family) always keeps its hue, so it is the same in every report. Any other name keeps
 * `policyColour` unless a name placed before it took that colour (two unknown names whose hashes meet, two
 * what-if TTLs on one shade); then it takes the next free shade of its family, then of `other`, then a hue
 * around the circle. Names are placed in an order that depends only on the set of names, not on where each
 * chart lists them, so every chart and the table of one report agree.
 */
export function distinctColours(names: Iterable<string>): Map<string, string> {
  const families = Object.keys(FAMILY_COLOURS) as PolicyFamily[];
  const placed = [...new Set(names)]
    .map((name) => ({ name, ...policyFamily(name) }))
    .map((p) => ({ ...p, own: p.variant === 0 && p.family !== 'other' }))
    .sort(
      (a, b) =>
        Number(b.own) - Number(a.own) ||
        families.indexOf(a.family) - families.indexOf(b.family) ||
        a.variant - b.variant ||
        (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
    );
  const taken = new Set<string>();
  const out = new Map<string, string>();
  for (const p of placed) {
    const candidates = function* () {
      yield policyColour(p.name);
      for (let k = 1; k < SHADES.length; k++)
        yield shade(FAMILY_COLOURS[p.family], SHADES[(p.variant + k) % SHADES.length]);
      for (const t of SHADES) yield shade(FAMILY_COLOURS.other, t);
      for (let i = 0; ; i++) yield hsl((i * 137.508) % 360, 0.55, 0.3 + 0.1 * (i % 4));
    };
    for (const colour of candidates())
      if (!taken.has(colour)) {
        taken.add(colour);
        out.set(p.name, colour);
        break;
      }
  }
  return out;
}

/** A Vega-Lite colour scale for the policies drawn (and only those: no legend entry without data). */
export function policyScale(
  names: readonly string[],
  legendTitle: string | null = 'policy',
): { scale: { domain: string[]; range: string[] }; legend: { title: string | null; labelLimit: number } | null } {
  const domain = [...new Set(names)];
  return {
    scale: { domain, range: domain.map(policyColour) },
    // Wide enough for whole role-split names: `… · subagents 5m` and `… · subagents 1h` differ at the end.
    legend: legendTitle === null ? null : { title: legendTitle, labelLimit: 300 },
  };
}

/** Mixes a colour towards white (t > 0) or black (t < 0). */
function shade(hex: string, t: number): string {
  const target = t > 0 ? 255 : 0;
  const amount = Math.abs(t);
  const channels = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  const mixed = channels.map((c) => Math.round(c + (target - c) * amount));
  return `#${mixed.map((c) => c.toString(16).padStart(2, '0')).join('')}`.toUpperCase();
}

/** An HSL colour as upper-case hex (hue in degrees, saturation and lightness in [0, 1]). */
function hsl(h: number, sat: number, light: number): string {
  const a = sat * Math.min(light, 1 - light);
  const f = (n: number) => {
    const k = (n + h / 30) % 12;
    return Math.round(255 * (light - a * Math.max(-1, Math.min(k - 3, 9 - k, 1))));
  };
  return `#${[f(0), f(8), f(4)].map((c) => c.toString(16).padStart(2, '0')).join('')}`.toUpperCase();
}

/** A small stable string hash (FNV-1a), for names no rule above knows. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/**
 * A short label for a point or an axis: `1h sys+proj/5m` for `1h system+project, 5m history`,
 * `ka 15m` for `keepalive-4m30s-15m`. The full name stays in the tooltip.
 */
export function shortName(name: string): string {
  const keepalive = /^keepalive-\S+-(\d+m)$/.exec(name);
  if (keepalive !== null) return `ka ${keepalive[1]}`;
  let short = name
    .replace(/ · subagents (5m|1h)$/, ' ·sub $1')
    .replace(/^1h (\S+), 5m \S+?(-sliding)?(?= ·|$)/, (_m, roles: string, sliding?: string) => {
      const abbreviated = roles
        .split('+')
        .map((r) => r.slice(0, 4))
        .join('+');
      return `1h ${abbreviated}${sliding === undefined ? '' : ' sl'}`;
    });
  if (short.length > 22) short = `${short.slice(0, 21)}…`;
  return short;
}
