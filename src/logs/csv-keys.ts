// logs/ (layer 4): what the CSV reader remembers of each key (its thread, and the one-segment prompt of
// its current prefix), found by the key's text (csv-parse's rows) or straight from its bytes (plain lines,
// csv-plain.ts), so that a steady key costs one lookup per row and no string or array.
import type { Request, Segment } from '../model/request.js';
import type { SegmentKeys } from '../workload/segment-keys.js';

/**
 * One slot of the open-addressing table is ENTRY_INTS 32-bit ints, 32 bytes: a key's hash, number, length
 * and bytes sit together, so finding and comparing a key is one cache line (with 100,000 keys the table
 * does not fit in the CPU's caches, and the chain of loads it replaced, slot → hash → byte offset → bytes
 * → state object → prompt, cost a miss at each step).
 */
const ENTRY_INTS = 8;
const HASH = 0;
/** The key's number in the run + 1; 0 marks a free slot. */
const NUMBER = 1;
/** The key's byte length, with HAS_SLASH set when it holds a '/'. */
const LENGTH = 2;
const HAS_SLASH = 1 << 30;
/** The prefix length of the slot's shared prompt, -1 before the key's first row. */
const PREFIX = 3;
/** The key's bytes from here (ints 4–7) when it has at most INLINE_BYTES, else its offset in the arena. */
const BYTES = 4;
const INLINE_BYTES = (ENTRY_INTS - BYTES) * 4;
const INITIAL_SLOTS = 64;
const SLASH = 47;
const EMPTY_PROMPT: readonly Segment[] = Object.freeze([]);
/** Rows a touch() call takes at most (csv-plain.ts looks this many rows ahead). */
export const TOUCH_ROWS = 16;
/**
 * The table size (slots) from which looking ahead pays: 2^15 slots are 1 MB, as much as a core's L2 cache.
 * A smaller table stays in the caches, and the look-ahead's second pass over the bytes was pure cost (a 1M-row
 * file of 100 keys read 15% slower with it); with 100,000 keys (8 MB) the reader alone ran 10-15% faster.
 */
const TOUCH_FROM_SLOTS = 1 << 15;

/**
 * The run's tables of CSV keys, one per SegmentKeys and thread prefix (`csv/`, or `csv@<scope>/` for each
 * scope of a scoped CSV, csv-scopes.ts): every CSV file of a run finds a key in the same table, and all the
 * tables of a run number their keys in one sequence, so that a thread's number is its own in the run.
 */
const runs = new WeakMap<SegmentKeys, { readonly tables: Map<string, CsvKeys>; readonly threads: Threads }>();

/**
 * What a run's CSV keys carry, by their number in the run (0, 1, 2, … in the order keys are first read, in
 * every table of the run): the thread id (at 2 × number) and the current prompt (at 2 × number + 1). Side by
 * side, so the two loads a request needs share a cache line; dense, so with 100,000 keys they take 1.6 MB,
 * and a growing table does not move them.
 */
type Threads = (string | readonly Segment[])[];

/** The CSV key table of the run whose segment keys are `keys`, for threads `<threadPrefix><key>`. */
export function csvKeysOf(keys: SegmentKeys, threadPrefix = 'csv/'): CsvKeys {
  let run = runs.get(keys);
  if (run === undefined) runs.set(keys, (run = { tables: new Map(), threads: [] }));
  let table = run.tables.get(threadPrefix);
  if (table === undefined) run.tables.set(threadPrefix, (table = new CsvKeys(keys, threadPrefix, run.threads)));
  return table;
}

/**
 * The keys of a run's CSV files, found by their UTF-8 bytes: straight from the reader's buffer (plain lines)
 * or encoded from the text csv-parse gives. A key is known by its slot (slotOfBytes, slotOfText), valid until
 * the next new key (which may move every key); what it carries is in its slot and in the run's Threads, with
 * no object per key. A new key costs its thread id string and no
 * Map entry: with 100,000 keys the strings and entries of two Maps per key were most of the reader's time
 * (each survives into the old generation, copied on the way by every scavenge).
 */
export class CsvKeys {
  private table = new Int32Array(INITIAL_SLOTS * ENTRY_INTS);
  /** The table's bytes, for the keys kept inline. */
  private tableBytes = new Uint8Array(this.table.buffer);
  private mask = INITIAL_SLOTS - 1;
  private count = 0;
  /** The prompt of each prefix length a key has had, by key number, once it has had two (rare): a length comes back with its key. */
  private readonly earlierPrompts = new Map<number, Map<number, readonly Segment[]>>();
  /** The bytes of keys longer than INLINE_BYTES. */
  private arena = Buffer.allocUnsafe(0);
  private arenaUsed = 0;
  /** A key's text encoded for the table (csv-parse's rows). */
  private scratch = Buffer.allocUnsafe(256);
  /** Where touch() puts what it loads (it must go somewhere, or the compiler drops the load). */
  private readonly touchedNumbers = new Int32Array(TOUCH_ROWS);
  private readonly touchedKeys = new Float64Array(TOUCH_ROWS);
  private readonly touched: (string | readonly Segment[])[] = new Array<readonly Segment[]>(TOUCH_ROWS).fill(
    EMPTY_PROMPT,
  );

  /** Use csvKeysOf: the run's table for `threadPrefix` (`csv/`, or `csv@<scope>/`). */
  constructor(
    private readonly keys: SegmentKeys,
    private readonly threadPrefix: string,
    private readonly refs: Threads,
  ) {}

  /**
   * The slot of the key written `keyText` (decoded from UTF-8, so it has no lone surrogate and two texts
   * are equal exactly when their UTF-8 bytes are).
   */
  slotOfText(keyText: string): number {
    const length = Buffer.byteLength(keyText, 'utf8');
    if (length > this.scratch.length) this.scratch = Buffer.allocUnsafe(2 * length);
    this.scratch.write(keyText, 0, 'utf8');
    return this.find(this.scratch, 0, length, keyText);
  }

  /**
   * The slot of the key whose text is the ASCII bytes [start, end) of `bytes` (the caller has checked they
   * are ASCII, so they are the text's UTF-8 bytes too).
   */
  slotOfBytes(bytes: Buffer, start: number, end: number): number {
    return this.find(bytes, start, end, null);
  }

  /** The thread id of the key in `slot`: `csv/<key>` (or `csv@<scope>/<key>`). */
  threadIdOf(slot: number): string {
    return this.refs[2 * (this.table[slot * ENTRY_INTS + NUMBER] - 1)] as string;
  }

  /**
   * The request of a row of the key in `slot` whose prompt is its prefix of `prefixTokens`: the key's shared
   * one-segment array, made again only when the length changes. A replay keeps the latest request of each
   * thread (keep-alive pings), and a fresh array per row would make every row's prompt survive long enough
   * to be promoted to the old generation, and then die there.
   */
  prefixRequest(
    slot: number,
    prefixTokens: number,
    atMs: number,
    scope: string,
    model: string,
    tailTokens: number,
    outputTokens: number,
  ): Request {
    const at = slot * ENTRY_INTS;
    const segments =
      this.table[at + PREFIX] === prefixTokens
        ? (this.refs[2 * (this.table[at + NUMBER] - 1) + 1] as readonly Segment[])
        : this.changePrefix(slot, prefixTokens);
    // A prompt of 0 tokens is EMPTY_PROMPT, any other one segment: its length is known without reading it.
    return this.request(slot, atMs, scope, model, segments, prefixTokens === 0 ? 0 : 1, tailTokens, outputTokens);
  }

  /** The request of a row of the key in `slot` with its own segments (segment columns). */
  segmentsRequest(
    slot: number,
    atMs: number,
    scope: string,
    model: string,
    segments: readonly Segment[],
    tailTokens: number,
    outputTokens: number,
  ): Request {
    return this.request(slot, atMs, scope, model, segments, segments.length, tailTokens, outputTokens);
  }

  /** The request of one CSV row: a key's thread and session, whichever reader (csv-plain.ts, csv.ts) read it. */
  private request(
    slot: number,
    atMs: number,
    scope: string,
    model: string,
    segments: readonly Segment[],
    segmentCount: number,
    tailTokens: number,
    outputTokens: number,
  ): Request {
    const number = this.table[slot * ENTRY_INTS + NUMBER] - 1;
    const threadId = this.refs[2 * number] as string;
    return {
      atMs,
      scope,
      model,
      segments,
      segmentCount,
      tailTokens,
      outputTokens,
      threadId,
      threadKind: 'key',
      sessionId: threadId,
      threadIndex: number,
    };
  }

  /** The key in `slot` now sends a prefix of `prefixTokens`: its prompt for that length, kept as its current one. */
  private changePrefix(slot: number, prefixTokens: number): readonly Segment[] {
    const at = slot * ENTRY_INTS;
    const number = this.table[at + NUMBER] - 1;
    let earlier = this.earlierPrompts.get(number);
    if (this.table[at + PREFIX] >= 0) {
      if (earlier === undefined) this.earlierPrompts.set(number, (earlier = new Map<number, readonly Segment[]>()));
      earlier.set(this.table[at + PREFIX], this.refs[2 * number + 1] as readonly Segment[]);
    }
    const prompt = earlier?.get(prefixTokens) ?? this.prompt(slot, prefixTokens);
    this.refs[2 * number + 1] = prompt;
    this.table[at + PREFIX] = prefixTokens;
    return prompt;
  }

  /**
   * The prompt of a new prefix length. The thread id is `csv/<key>` (or `csv@<scope>/<key>`, the scope
   * escaped so it holds no '/'): the prefix's id is `<thread>/<prefixTokens>`. Of a slash-free key that id
   * is new to the run's SegmentKeys (no other reader or column layout writes a `csv/` or `csv@` id of three
   * parts, and this table is the run's one for its prefix), so it takes the next fresh key, the very number
   * `keys.of` would give it, without a Map entry.
   */
  private prompt(slot: number, prefixTokens: number): readonly Segment[] {
    const id = `${this.threadIdOf(slot)}/${prefixTokens}`;
    const slashFree = (this.table[slot * ENTRY_INTS + LENGTH] & HAS_SLASH) === 0;
    const key = slashFree ? this.keys.fresh() : this.keys.of(id);
    if (prefixTokens === 0) return EMPTY_PROMPT;
    // The array is not frozen (the type keeps it read-only): V8 (Node 20) does not inline an element load
    // from a frozen array, and the engine's `request.segments[0]` became a keyed-load IC call per request per
    // policy, 6–8% of a 1M-row replay's CPU samples (perf; docs/performance.md).
    return [Object.freeze({ id, key, tokens: prefixTokens, role: 'context', breakpoint: true })];
  }

  /** Whether touch() is worth its cost: the table has outgrown the CPU's faster caches. */
  get touchPays(): boolean {
    return this.mask + 1 >= CsvKeys.touchFromSlots;
  }

  /** Tests only: a smaller table size from which touchPays, so that a test's few keys are looked ahead. */
  static touchFromSlots = TOUCH_FROM_SLOTS;

  /**
   * Loads, all at once, the first slot of each of `hashes[0, count)` (keyHash of the keys of the rows ahead,
   * count ≤ TOUCH_ROWS) and what the run carries for the key in it, so that the rows' finds and requests
   * find them in the CPU's caches. With 100,000 keys each is a cache miss, and a row's two (its slot, then
   * its key's thread and prompt) came one after the other, row after row; here they overlap. With `prompts`,
   * also the key of each prompt's segment: the simulation reads the segment of every request (its tokens,
   * its key), a third miss in a row, but a reader whose requests go unread loads it for nothing. Reads
   * only: what it loads goes to `touched` and `touchedKeys`, which nothing reads, so a hash that is not a
   * row's key (a row the plain path will not read), a slot taken by another key or a table grown since
   * costs a load and nothing else.
   */
  touch(hashes: Int32Array, count: number, prompts: boolean): void {
    const table = this.table;
    const mask = this.mask;
    const numbers = this.touchedNumbers;
    // Two loops: the second's loads depend on the first's, but within each loop they are independent.
    for (let i = 0; i < count; i++) numbers[i] = table[(hashes[i] & mask) * ENTRY_INTS + NUMBER];
    const refs = this.refs;
    const touched = this.touched;
    for (let i = 0; i < count; i++) if (numbers[i] !== 0) touched[i] = refs[2 * numbers[i] - 1];
    if (!prompts) return;
    const keys = this.touchedKeys;
    for (let i = 0; i < count; i++) {
      const prompt = touched[i] as readonly Segment[];
      if (numbers[i] !== 0 && prompt.length > 0) keys[i] = prompt[0].key;
    }
  }

  /** The slot of the key with UTF-8 bytes [start, end), added (its text decoded, unless given) when new. */
  private find(bytes: Buffer, start: number, end: number, text: string | null): number {
    const hash = keyHash(bytes, start, end);
    const length = end - start;
    const table = this.table;
    const mask = this.mask;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const at = slot * ENTRY_INTS;
      if (table[at + NUMBER] === 0) return this.add(slot, hash, bytes, start, end, text);
      if (
        table[at + HASH] === hash &&
        (table[at + LENGTH] & ~HAS_SLASH) === length &&
        this.sameBytes(at, bytes, start, end)
      )
        return slot;
    }
  }

  /** Whether the key of the slot at `at` (whose length is end - start) has the bytes [start, end). */
  private sameBytes(at: number, bytes: Buffer, start: number, end: number): boolean {
    let known: Uint8Array = this.tableBytes;
    let from = (at + BYTES) * 4;
    if (end - start > INLINE_BYTES) {
      known = this.arena;
      from = this.table[at + BYTES];
    }
    for (let i = start, j = from; i < end; i++, j++) if (known[j] !== bytes[i]) return false;
    return true;
  }

  /** Adds the key [start, end) in the free `slot`; returns its slot (another one if the table grew). */
  private add(slot: number, hash: number, bytes: Buffer, start: number, end: number, text: string | null): number {
    const at = slot * ENTRY_INTS;
    const table = this.table;
    const length = end - start;
    table[at + HASH] = hash;
    const number = this.refs.length / 2;
    table[at + NUMBER] = number + 1;
    table[at + LENGTH] = length | (hasSlash(bytes, start, end) ? HAS_SLASH : 0);
    table[at + PREFIX] = -1;
    // Byte by byte: a key is a few bytes, and Buffer.copy's fixed cost per call was more than the copy.
    let into: Uint8Array = this.tableBytes;
    let from = (at + BYTES) * 4;
    if (length > INLINE_BYTES) {
      if (this.arenaUsed + length > this.arena.length) {
        const grown = Buffer.allocUnsafe(Math.max(2 * this.arena.length, this.arenaUsed + length, 1 << 16));
        this.arena.copy(grown, 0, 0, this.arenaUsed);
        this.arena = grown;
      }
      into = this.arena;
      from = table[at + BYTES] = this.arenaUsed;
      this.arenaUsed += length;
    }
    for (let i = start, j = from; i < end; i++, j++) into[j] = bytes[i];
    this.refs.push(`${this.threadPrefix}${text ?? bytes.toString('latin1', start, end)}`, EMPTY_PROMPT);
    // At half full, double the table and re-place every key.
    return 2 * ++this.count > this.mask + 1 ? this.grow(slot) : slot;
  }

  /** Doubles the table; returns the new slot of the key that was in `slot`. */
  private grow(slot: number): number {
    const old = this.table;
    const slots = 2 * (this.mask + 1);
    const table = new Int32Array(slots * ENTRY_INTS);
    const mask = slots - 1;
    let moved = -1;
    for (let from = 0; from <= this.mask; from++) {
      const at = from * ENTRY_INTS;
      if (old[at + NUMBER] === 0) continue;
      let to = old[at + HASH] & mask;
      while (table[to * ENTRY_INTS + NUMBER] !== 0) to = (to + 1) & mask;
      for (let i = 0; i < ENTRY_INTS; i++) table[to * ENTRY_INTS + i] = old[at + i];
      if (from === slot) moved = to;
    }
    this.table = table;
    this.tableBytes = new Uint8Array(table.buffer);
    this.mask = mask;
    return moved;
  }
}

/** The hash a key's table slot is found by (FNV-1a of its UTF-8 bytes [start, end)). */
export function keyHash(bytes: Uint8Array, start: number, end: number): number {
  let hash = 0x811c9dc5;
  for (let i = start; i < end; i++) hash = Math.imul(hash ^ bytes[i], 0x01000193);
  return hash;
}

function hasSlash(bytes: Buffer, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (bytes[i] === SLASH) return true;
  return false;
}
