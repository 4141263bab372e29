// logs/ (layer 4): what the CSV reader remembers of each key (its thread, and the one-segment prompt of
// its current prefix), found by the key's text (csv-parse's rows) or straight from its bytes (plain lines,
// csv-plain.ts), so that a steady key costs one lookup per row and no string or array.
import type { Request, Segment } from '../model/request.js';
import type { SegmentKeys } from '../workload/segment-keys.js';

export interface KeyState {
  readonly threadId: string;
  /** The key's number in the run (Request.threadIndex): 0, 1, 2, … in the order keys are first read. */
  readonly index: number;
  /** Whether the key's text has no '/': its prefix ids `csv/<key>/<tokens>` then cannot be any other id. */
  readonly slashFree: boolean;
  prefixTokens: number;
  /**
   * The key's one-segment prompt, shared by its requests while the prefix stays the same: a replay keeps
   * the latest request of each thread (keep-alive pings), and a fresh array per row would make every
   * row's prompt survive long enough to be promoted to the old generation, and then die there.
   */
  prefixSegments: readonly Segment[];
  /** The prompt of each prefix length the key has had, once it has had two (rare): a length comes back with its key. */
  byPrefixTokens: Map<number, readonly Segment[]> | null;
}

const EMPTY_SLOT = -1;
const SLASH = 47;
const EMPTY_PROMPT: readonly Segment[] = Object.freeze([]);

/**
 * The run's tables of CSV keys, one per SegmentKeys and thread prefix (`csv/`, or `csv@<scope>/` for each
 * scope of a scoped CSV, csv-scopes.ts): every CSV file of a run finds a key in the same table, and all the
 * tables of a run number their keys in one sequence, so that a thread's number is its own in the run.
 */
const runs = new WeakMap<SegmentKeys, { readonly tables: Map<string, CsvKeys>; readonly numbering: Numbering }>();

/** The next thread number of a run. */
interface Numbering {
  next: number;
}

/** The CSV key table of the run whose segment keys are `keys`, for threads `<threadPrefix><key>`. */
export function csvKeysOf(keys: SegmentKeys, threadPrefix = 'csv/'): CsvKeys {
  let run = runs.get(keys);
  if (run === undefined) runs.set(keys, (run = { tables: new Map(), numbering: { next: 0 } }));
  let table = run.tables.get(threadPrefix);
  if (table === undefined) run.tables.set(threadPrefix, (table = new CsvKeys(keys, threadPrefix, run.numbering)));
  return table;
}

/**
 * The keys of a run's CSV files, found by their UTF-8 bytes: straight from the reader's buffer (plain lines)
 * or encoded from the text csv-parse gives. A new key costs its thread id string, its state and its prompt,
 * and no Map entry: with 100,000 keys the strings and entries of two Maps per key were most of the
 * reader's time (each survives into the old generation, copied on the way by every scavenge).
 */
export class CsvKeys {
  /** The states in the order their bytes were first seen, indexed by the byte table. */
  private readonly states: KeyState[] = [];
  /** Open addressing over `states`: slot → index, EMPTY_SLOT when free; size a power of two. */
  private slots = new Int32Array(1 << 12).fill(EMPTY_SLOT);
  private hashes = new Int32Array(1 << 11);
  /** Each state's key bytes, at [byteStart[i], byteStart[i + 1]) of `arena`. */
  private arena = Buffer.allocUnsafe(1 << 16);
  private arenaUsed = 0;
  private byteStart = new Int32Array(1 << 11);
  /** A key's text encoded for the byte table (csv-parse's rows). */
  private scratch = Buffer.allocUnsafe(256);

  /** Use csvKeysOf: the run's table for `threadPrefix` (`csv/`, or `csv@<scope>/`). */
  constructor(
    private readonly keys: SegmentKeys,
    private readonly threadPrefix: string,
    private readonly numbering: Numbering,
  ) {}

  /**
   * The state of the key written `keyText` (decoded from UTF-8, so it has no lone surrogate and two texts
   * are equal exactly when their UTF-8 bytes are).
   */
  ofText(keyText: string): KeyState {
    const length = Buffer.byteLength(keyText, 'utf8');
    if (length > this.scratch.length) this.scratch = Buffer.allocUnsafe(2 * length);
    this.scratch.write(keyText, 0, 'utf8');
    return this.find(this.scratch, 0, length, keyText);
  }

  /**
   * The state of the key whose text is the ASCII bytes [start, end) of `bytes` (the caller has checked they
   * are ASCII, so they are the text's UTF-8 bytes too).
   */
  ofBytes(bytes: Buffer, start: number, end: number): KeyState {
    return this.find(bytes, start, end, null);
  }

  /** The key's prompt for a prefix of `prefixTokens`: its shared one-segment array, looked up again when the length changes. */
  prefixSegments(state: KeyState, prefixTokens: number): readonly Segment[] {
    if (state.prefixTokens !== prefixTokens) {
      if (state.prefixTokens >= 0) (state.byPrefixTokens ??= new Map()).set(state.prefixTokens, state.prefixSegments);
      state.prefixSegments = state.byPrefixTokens?.get(prefixTokens) ?? this.prompt(state, prefixTokens);
      state.prefixTokens = prefixTokens;
    }
    return state.prefixSegments;
  }

  /**
   * The prompt of a new prefix length. The thread id is `csv/<key>` (or `csv@<scope>/<key>`, the scope
   * escaped so it holds no '/'): the prefix's id is `<thread>/<prefixTokens>`. Of a slash-free key that id
   * is new to the run's SegmentKeys (no other reader or column layout writes a `csv/` or `csv@` id of three
   * parts, and this table is the run's one for its prefix), so it takes the next fresh key, the very number
   * `keys.of` would give it, without a Map entry.
   */
  private prompt(state: KeyState, prefixTokens: number): readonly Segment[] {
    const id = `${state.threadId}/${prefixTokens}`;
    const key = state.slashFree ? this.keys.fresh() : this.keys.of(id);
    if (prefixTokens === 0) return EMPTY_PROMPT;
    return Object.freeze([Object.freeze({ id, key, tokens: prefixTokens, role: 'context', breakpoint: true })]);
  }

  /** The state of the key with UTF-8 bytes [start, end), added (its text decoded, unless given) when new. */
  private find(bytes: Buffer, start: number, end: number, text: string | null): KeyState {
    let hash = 0x811c9dc5;
    for (let i = start; i < end; i++) hash = Math.imul(hash ^ bytes[i], 0x01000193);
    const mask = this.slots.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const index = this.slots[slot];
      if (index === EMPTY_SLOT) break;
      if (this.hashes[index] === hash && this.sameBytes(index, bytes, start, end)) return this.states[index];
    }
    const keyText = text ?? bytes.toString('latin1', start, end);
    const state: KeyState = {
      threadId: `${this.threadPrefix}${keyText}`,
      index: this.numbering.next++,
      slashFree: !hasSlash(bytes, start, end),
      prefixTokens: -1,
      prefixSegments: EMPTY_PROMPT,
      byPrefixTokens: null,
    };
    this.remember(state, hash, bytes, start, end);
    return state;
  }

  private sameBytes(index: number, bytes: Buffer, start: number, end: number): boolean {
    const from = this.byteStart[index];
    if (this.byteStart[index + 1] - from !== end - start) return false;
    const arena = this.arena;
    for (let i = start, j = from; i < end; i++, j++) if (arena[j] !== bytes[i]) return false;
    return true;
  }

  private remember(state: KeyState, hash: number, bytes: Buffer, start: number, end: number): void {
    const index = this.states.length;
    this.states.push(state);
    if (index + 2 > this.byteStart.length) {
      const grown = new Int32Array(this.byteStart.length * 2);
      grown.set(this.byteStart);
      this.byteStart = grown;
      const hashes = new Int32Array(grown.length);
      hashes.set(this.hashes);
      this.hashes = hashes;
    }
    this.hashes[index] = hash;
    const length = end - start;
    if (this.arenaUsed + length > this.arena.length) {
      const grown = Buffer.allocUnsafe(Math.max(this.arena.length * 2, this.arenaUsed + length));
      this.arena.copy(grown, 0, 0, this.arenaUsed);
      this.arena = grown;
    }
    // Byte by byte: a key is a few bytes, and Buffer.copy's fixed cost per call was more than the copy.
    const arena = this.arena;
    for (let i = start, j = this.arenaUsed; i < end; i++, j++) arena[j] = bytes[i];
    this.byteStart[index] = this.arenaUsed;
    this.arenaUsed += length;
    this.byteStart[index + 1] = this.arenaUsed;
    // At half full, double the table and re-place every state.
    if (2 * (index + 1) > this.slots.length) this.rehash(this.slots.length * 2);
    else this.place(index, this.slots);
  }

  private place(index: number, slots: Int32Array): void {
    const mask = slots.length - 1;
    let slot = this.hashes[index] & mask;
    while (slots[slot] !== EMPTY_SLOT) slot = (slot + 1) & mask;
    slots[slot] = index;
  }

  private rehash(size: number): void {
    const slots = new Int32Array(size).fill(EMPTY_SLOT);
    for (let index = 0; index < this.states.length; index++) this.place(index, slots);
    this.slots = slots;
  }
}

function hasSlash(bytes: Buffer, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (bytes[i] === SLASH) return true;
  return false;
}

/** The request of one CSV row: a key's thread and session, whichever reader (csv-plain.ts, csv.ts) read it. */
export function keyRequest(
  atMs: number,
  scope: string,
  model: string,
  segments: readonly Segment[],
  tailTokens: number,
  outputTokens: number,
  state: KeyState,
): Request {
  return {
    atMs,
    scope,
    model,
    segments,
    segmentCount: segments.length,
    tailTokens,
    outputTokens,
    threadId: state.threadId,
    threadKind: 'key',
    sessionId: state.threadId,
    threadIndex: state.index,
  };
}
