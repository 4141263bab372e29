// replay/reconcile.ts finds a request's breakdown rows through cursors (the table asked only when a key
// changed, the week and month only when the day did), a numbered thread's session row by its number
// (RowTable.indexNumbered), and counts plain miss causes in typed arrays. Here a random stream of requests
// and keep-alive pings is booked by the Reconciler and by a plain Map per dimension, keyed the
// straightforward way, and the rows (their first-seen order too: a shard hands it to the merge) must agree.
import { describe, expect, it } from 'vitest';
import { Reconciler } from '../../src/replay/reconcile.js';
import { DIMENSIONS, MAX_SESSION_ROWS, type Dimension, type RawRow } from '../../src/replay/breakdowns.js';
import { LocalCalendar } from '../../src/replay/time-window.js';
import { billedAs, type Request, type ThreadKind } from '../../src/model/request.js';
import type { RecordedRequest } from '../../src/logs/usage-chain.js';
import type { ServeOutcome } from '../../src/cache/prefix-cache.js';
import { findProfile } from '../../src/pricing/lookup.js';
import type { PriceProfile } from '../../src/pricing/profile.js';
import { costOf } from '../../src/pricing/cost.js';
import { OutcomePricer } from '../../src/metrics/outcome-usd.js';
import { round } from '../../src/metrics/summarise.js';
import { replayMessages } from '../../src/replay/messages.js';

const ZONE = 'America/New_York';
const POLICIES = ['no-cache', '5m', '1h', 'keepalive-5m'];
const MODELS = ['claude-sonnet-4-5', 'claude-haiku-4-5'];
const DAY_MS = 86_400_000;
/** 2026-02-20 03:00 UTC: the stream runs past New York's DST change (March 8) and three month ends. */
const START_MS = Date.UTC(2026, 1, 20, 3);

const priceOf = (model: string): PriceProfile => findProfile('anthropic', model)!;

/** mulberry32: integer arithmetic throughout (a product of two 31-bit numbers in a double would lose bits). */
function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

interface Event {
  readonly kind: 'arrival' | 'ping';
  readonly request: Request;
  /** Arrivals: whether it is its thread's first. */
  readonly first: boolean;
  /** Per policy (arrivals), or the one policy and its outcome (pings). */
  readonly outcomes: readonly ServeOutcome[];
  readonly policy: number;
  /** When it happened: an arrival's atMs; a ping's own time, past its request's (booked on its own day). */
  readonly atMs: number;
}

/**
 * Requests of a few hundred CSV keys (numbered in an order unlike their first-seen order), and, with
 * `recorded`, Claude Code threads of a few projects, kinds and models: runs of one key, alternation of two,
 * bursts minutes apart and gaps of hours to days; after most arrivals a ping of a random earlier request.
 */
function stream(seed: number, recorded: boolean): Event[] {
  const random = seeded(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const keys = 300;
  // A permutation: the reader's numbers do not follow the order in which the reconciler first sees keys.
  const numberOf = Array.from({ length: keys }, (_, i) => i).sort(() => random() - 0.5);
  const seen = new Set<string>();
  const arrivals: Request[] = [];
  const events: Event[] = [];
  const outcome = (): ServeOutcome => {
    const read = random() < 0.4 ? 0 : Math.floor(random() * 5000);
    return {
      readTokens: read,
      write5mTokens: Math.floor(random() * 2000),
      write1hTokens: Math.floor(random() * 1000),
      inputTokens: Math.floor(random() * 300),
      entriesWritten: 1,
      externalReadTokens: 0,
    };
  };
  let atMs = 0;
  let key = 0;
  let other = 1;
  let line = 0;
  while (START_MS + atMs < START_MS + 80 * DAY_MS) {
    atMs += random() < 0.97 ? Math.floor(random() * 600_000) : Math.floor(random() * 2 * DAY_MS);
    const step = random();
    if (step < 0.3) [key, other] = [other, key];
    else if (step < 0.6) key = Math.floor(random() * keys);
    const base = { atMs, scope: 'org', segments: [], segmentCount: 0, tailTokens: 10, outputTokens: 50 };
    let request: Request;
    const shape = random();
    if (recorded && shape < 0.4) {
      const session = `proj-${key % 3}/s${key % 40}`;
      const kind: ThreadKind = pick(['main', 'subagent', 'compaction']);
      const usage = { input: 20, cacheWrite5m: 1000, cacheWrite1h: 0, cacheRead: pick([0, 4000]), output: 60 };
      const r: RecordedRequest = {
        ...base,
        model: pick(MODELS),
        threadId: `${session}/${kind}`,
        threadKind: kind,
        sessionId: session,
        recorded: usage,
        startEpochMs: START_MS + atMs,
        project: `proj-${key % 3}`,
        change: 'none',
        gapMs: 1000,
        previousCachedTokens: 0,
        file: 'log.jsonl',
        line: ++line,
      };
      request = r;
    } else if (shape < 0.9) {
      // A CSV key, numbered by the reader; now and then the same id without its number (another reader).
      const id = `csv/k${key}`;
      const numbered = random() < 0.95;
      request = {
        ...base,
        model: MODELS[0],
        threadId: id,
        threadKind: 'key',
        sessionId: id,
        ...(numbered ? { threadIndex: numberOf[key] } : {}),
      };
    } else {
      const id = `mc/${key % 20}`;
      request = { ...base, model: pick(MODELS), threadId: id, threadKind: 'key', sessionId: id };
    }
    const first = !seen.has(request.threadId);
    seen.add(request.threadId);
    arrivals.push(request);
    events.push({ kind: 'arrival', request, first, outcomes: POLICIES.map(outcome), policy: -1, atMs });
    if (random() < 0.7) {
      const earlier = arrivals[Math.max(0, arrivals.length - 1 - Math.floor(random() * 60))];
      const ping = {
        kind: 'ping',
        request: earlier,
        first: false,
        outcomes: [outcome()],
        policy: pick([2, 3]),
      } as const;
      events.push({ ...ping, atMs });
    }
  }
  return events;
}

/** The local date by Intl directly (no cache), its Monday and its month by date arithmetic. */
const dayFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});
function keysOf(request: Request, atMs: number): Record<Dimension, string> {
  const day = dayFormat.format(START_MS + atMs);
  const [y, m, d] = day.split('-').map(Number);
  const utc = Date.UTC(y, m - 1, d);
  const monday = new Date(utc - ((new Date(utc).getUTCDay() + 6) % 7) * DAY_MS).toISOString().slice(0, 10);
  return {
    byDay: day,
    byWeek: monday,
    byMonth: day.slice(0, 7),
    byProject: 'recorded' in request ? (request as RecordedRequest).project : '',
    bySession: request.sessionId,
    byThreadKind: request.threadKind,
    byModel: request.model,
  };
}

interface Books {
  readonly rows: Record<Dimension, RawRow[]>;
  readonly misses: Record<string, Record<string, number>>;
}

/** The books kept the plain way: a Map per dimension, every key worked out for every request and ping. */
function reference(events: readonly Event[]): Books {
  const tables = Object.fromEntries(
    DIMENSIONS.map((d) => [d, new Map<string, { requests: number; recorded: number; cost: number[] }>()]),
  ) as Record<Dimension, Map<string, { requests: number; recorded: number; cost: number[] }>>;
  const rowOf = (d: Dimension, key: string) => {
    let row = tables[d].get(key);
    if (row === undefined) tables[d].set(key, (row = { requests: 0, recorded: 0, cost: POLICIES.map(() => 0) }));
    return row;
  };
  const pricer = new OutcomePricer(priceOf);
  const misses: Record<string, Record<string, number>> = Object.fromEntries(
    POLICIES.filter((p) => p !== 'no-cache').map((p) => [p, {}]),
  );
  for (const e of events) {
    const keys = keysOf(e.request, e.atMs);
    if (e.kind === 'ping') {
      const usd = pricer.usd(billedAs(e.request), e.outcomes[0], 0);
      for (const d of DIMENSIONS) rowOf(d, keys[d]).cost[e.policy] += usd;
      continue;
    }
    const usage = 'recorded' in e.request ? (e.request as RecordedRequest).recorded : null;
    const recordedUsd = usage === null ? 0 : costOf(usage, 0, priceOf(billedAs(e.request))).total;
    for (const d of DIMENSIONS) {
      const row = rowOf(d, keys[d]);
      row.requests++;
      row.recorded += recordedUsd;
    }
    e.outcomes.forEach((outcome, p) => {
      const usd = pricer.usd(billedAs(e.request), outcome, e.request.outputTokens);
      for (const d of DIMENSIONS) rowOf(d, keys[d]).cost[p] += usd;
      if (usage === null && POLICIES[p] !== 'no-cache' && outcome.readTokens === 0) {
        const cause = e.first ? 'first-request' : 'idle-expiry';
        misses[POLICIES[p]][cause] = (misses[POLICIES[p]][cause] ?? 0) + 1;
      }
    });
  }
  const rows = Object.fromEntries(
    DIMENSIONS.map((d) => [d, [...tables[d]].map(([key, r]): RawRow => [key, r.requests, r.recorded, r.cost])]),
  ) as Record<Dimension, RawRow[]>;
  return { rows, misses };
}

function reconciled(events: readonly Event[]): Reconciler {
  const reconciler = new Reconciler(POLICIES, priceOf, START_MS, false, new LocalCalendar(ZONE));
  for (const e of events) {
    if (e.kind === 'ping') {
      reconciler.pinged(e.policy, e.request, e.outcomes[0], e.atMs);
      continue;
    }
    reconciler.arrived(e.request, e.first);
    e.outcomes.forEach((outcome, p) => reconciler.served(p, e.request, outcome));
  }
  return reconciler;
}

/** The session breakdown as breakdownsOf defines it: the costliest rows by key, the rest in one row. */
function sessionRows(rows: readonly RawRow[], byRecorded: boolean) {
  const score = (r: RawRow) => (byRecorded ? r[2] : Math.max(0, ...r[3]));
  const order = [...rows].sort((a, b) => score(b) - score(a) || (a[0] < b[0] ? -1 : 1));
  const other = { requests: 0, recorded: 0, cost: POLICIES.map(() => 0) };
  for (const [, requests, recorded, cost] of order.slice(MAX_SESSION_ROWS)) {
    other.requests += requests;
    other.recorded += recorded;
    cost.forEach((usd, p) => (other.cost[p] += usd));
  }
  const kept = order.slice(0, MAX_SESSION_ROWS).sort((a, b) => (a[0] < b[0] ? -1 : 1));
  const shown = (key: string, requests: number, recorded: number, cost: readonly number[]) => ({
    key,
    requests,
    asRecordedUsd: byRecorded ? round(recorded) : null,
    costUsd: Object.fromEntries(POLICIES.map((name, p) => [name, round(cost[p])])),
  });
  return [
    ...kept.map(([key, requests, recorded, cost]) => shown(key, requests, recorded, cost)),
    shown(replayMessages.otherSessions(rows.length - MAX_SESSION_ROWS), other.requests, other.recorded, other.cost),
  ];
}

describe.each([
  ['CSV keys and unnumbered threads', 11, false],
  ['with recorded Claude Code threads', 29, true],
])('breakdown rows of a random stream (%s)', (_name, seed, recorded) => {
  const events = stream(seed, recorded);
  const expected = reference(events);
  const reconciler = reconciled(events);

  it('spans days, weeks, months and a DST change, with pings between arrivals', () => {
    const days = new Set(expected.rows.byDay.map(([key]) => key));
    expect(days.has('2026-03-08')).toBe(true);
    expect(expected.rows.byMonth.length).toBeGreaterThanOrEqual(3);
    expect(expected.rows.byWeek.length).toBeGreaterThanOrEqual(10);
    expect(expected.rows.bySession.length).toBeGreaterThan(MAX_SESSION_ROWS);
    expect(events.filter((e) => e.kind === 'ping').length).toBeGreaterThan(1000);
  });

  it('books every request and ping in the same rows, in first-seen order, to the bit', () => {
    const raw = reconciler.raw().rows;
    for (const d of DIMENSIONS) expect(raw[d], d).toEqual(expected.rows[d]);
  });

  it('cuts the sessions to the costliest as the plain sort does', () => {
    expect(reconciler.breakdowns().bySession).toEqual(sessionRows(expected.rows.bySession, recorded));
  });
});

// Plain miss causes only: a recorded request's miss is explained against its log, which the reference
// above does not model.
describe('plain miss causes of a random stream of CSV keys', () => {
  const events = stream(11, false);
  it('counts first-request and idle-expiry misses per policy, none for no-cache', () => {
    expect(reconciled(events).missCauses().byPolicy).toEqual(reference(events).misses);
  });
});
