// logs/ (layer 4): what the CSV reader remembers of each key (its thread, and the one-segment prompt of
// its current prefix), found by the key's text (csv-parse's rows) or straight from its bytes (plain lines,
// csv-plain.ts), so that a steady key costs one lookup per row and no string or array.
import type { Request, Segment } from '../model/request.js';
import type { SegmentKeys } from '../workload/segment-keys.js';

export interface KeyState {
  readonly threadId: string;
  prefixTokens: number;
  prefixId: string;
  prefixKey: number;
  /**
   * The key's one-segment prompt, shared by its requests while the prefix stays the same: a replay keeps
   * the latest request of each thread (keep-alive pings), and a fresh array per row would make every
   * row's prompt survive long enough to be promoted to the old generation, and then die there.
   */
  prefixSegments: readonly Segment[];
}

const EMPTY_SLOT = -1;

export class CsvKeys {
  private readonly byText = new Map<string, KeyState>();
  /** The states in the order their bytes were first seen, indexed by the byte table. */
  private readonly states: KeyState[] = [];
  /** Open addressing over `states`: slot → index, EMPTY_SLOT when free; size a power of two. */
  private slots = new Int32Array(1 << 12).fill(EMPTY_SLOT);
  private hashes = new Int32Array(1 << 11);
  /** Each state's key bytes, at [byteStart[i], byteStart[i + 1]) of `arena`. */
  private arena = Buffer.allocUnsafe(1 << 16);
  private arenaUsed = 0;
  private byteStart = new Int32Array(1 << 11);

  /** `threadPrefix`: `csv/`, or `csv@<scope>/` for the keys of one scope (csv-scopes.ts). */
  constructor(
    private readonly keys: SegmentKeys,
    private readonly threadPrefix = 'csv/',
  ) {}

  /** The state of the key written `keyText`. */
  ofText(keyText: string): KeyState {
    let state = this.byText.get(keyText);
    if (state === undefined) {
      state = {
        threadId: `${this.threadPrefix}${keyText}`,
        prefixTokens: -1,
        prefixId: '',
        prefixKey: -1,
        prefixSegments: [],
      };
      this.byText.set(keyText, state);
    }
    return state;
  }

  /**
   * The state of the key whose text is the ASCII bytes [start, end) of `bytes` (the caller has checked they
   * are ASCII, so they decode to one string and two byte strings are equal exactly when their texts are).
   */
  ofBytes(bytes: Buffer, start: number, end: number): KeyState {
    let hash = 0x811c9dc5;
    for (let i = start; i < end; i++) hash = Math.imul(hash ^ bytes[i], 0x01000193);
    const mask = this.slots.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const index = this.slots[slot];
      if (index === EMPTY_SLOT) break;
      if (this.hashes[index] === hash && this.sameBytes(index, bytes, start, end)) return this.states[index];
    }
    const state = this.ofText(bytes.toString('latin1', start, end));
    this.remember(state, hash, bytes, start, end);
    return state;
  }

  /** The key's prompt for a prefix of `prefixTokens`: its shared one-segment array, rebuilt when the length changes. */
  prefixSegments(state: KeyState, prefixTokens: number): readonly Segment[] {
    if (state.prefixTokens !== prefixTokens) {
      state.prefixTokens = prefixTokens;
      // The thread id is `csv/<key>` (or `csv@<scope>/<key>`): the prefix's id is `<thread>/<prefixTokens>`.
      state.prefixId = `${state.threadId}/${prefixTokens}`;
      state.prefixKey = this.keys.of(state.prefixId);
      state.prefixSegments = Object.freeze(
        prefixTokens === 0
          ? []
          : [
              Object.freeze({
                id: state.prefixId,
                key: state.prefixKey,
                tokens: prefixTokens,
                role: 'context',
                breakpoint: true,
              }),
            ],
      );
    }
    return state.prefixSegments;
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
    bytes.copy(this.arena, this.arenaUsed, start, end);
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
  };
}
