// `renewal` workload: N independent keys, each an ordinary renewal process (first arrival one gap after
// time 0, then i.i.d. gaps), each key its own one-segment cached prefix. On the benchmark's hot path:
// keys sit in a typed-array heap, and per-key data lives in flat arrays (id, key, prefix tokens): each
// request gets a fresh one-segment prompt, which measured faster than reusing a per-key array (that object
// is cold in the CPU cache by the time its key comes round again; a fresh one is born hot).
import type { RenewalWorkload } from '../model/scenario.js';
import type { Request, Segment } from '../model/request.js';
import type { Rng } from './rng.js';
import { compileDist, compileIntDist, type Sampler } from './distributions.js';
import { acceptAt } from './profile.js';
import type { SegmentKeys } from './segment-keys.js';

export class RenewalArrivals implements Iterator<Request> {
  /** Binary heap of keys by next arrival: times and key numbers side by side, so a comparison reads no other array. */
  private readonly heapMs: Float64Array;
  private readonly heapKey: Int32Array;
  private readonly ids: string[];
  private readonly prefixKeys: Float64Array;
  private readonly prefixTokens: Float64Array;
  private readonly gap: Sampler;
  private readonly suffix: Sampler;
  private readonly output: Sampler;
  private readonly gapRng: Rng;
  private readonly tokenRng: Rng;
  private readonly profileRng: Rng;

  constructor(
    private readonly spec: RenewalWorkload,
    rng: Rng,
    private readonly horizonMs: number,
    segmentKeys: SegmentKeys,
  ) {
    const keys = spec.keys;
    this.gap = compileDist(spec.gapMs);
    this.suffix = compileIntDist(spec.suffixTokens);
    this.output = compileIntDist(spec.outputTokens);
    this.gapRng = rng.fork('gaps');
    this.tokenRng = rng.fork('tokens');
    this.profileRng = rng.fork('profile');
    const prefixRng = rng.fork('prefix');
    const prefix = compileIntDist(spec.prefixTokens);
    this.heapMs = new Float64Array(keys);
    this.heapKey = new Int32Array(keys);
    this.ids = new Array<string>(keys);
    this.prefixKeys = new Float64Array(keys);
    this.prefixTokens = new Float64Array(keys);
    for (let k = 0; k < keys; k++) {
      this.ids[k] = `${spec.label}/k${k}`;
      this.prefixKeys[k] = segmentKeys.of(this.ids[k]);
      this.prefixTokens[k] = prefix(prefixRng);
      this.siftUp(k, k, this.drawGapMs());
    }
  }

  next(): IteratorResult<Request> {
    for (;;) {
      const k = this.heapKey[0];
      const atMs = this.heapMs[0];
      // Negated so that an empty heap (zero keys: atMs is undefined) ends the stream too.
      if (!(atMs < this.horizonMs)) return { done: true, value: undefined };
      this.replaceTop(k, atMs + this.drawGapMs());
      if (!acceptAt(this.spec.profile, atMs, this.profileRng)) continue;
      const id = this.ids[k];
      const segments: Segment[] = [
        { id, key: this.prefixKeys[k], tokens: this.prefixTokens[k], role: this.spec.role, breakpoint: true },
      ];
      const request: Request = {
        atMs,
        scope: this.spec.scope,
        model: this.spec.model,
        segments,
        segmentCount: 1,
        tailTokens: this.suffix(this.tokenRng),
        outputTokens: this.output(this.tokenRng),
        threadId: id,
        threadKind: 'key',
        sessionId: id,
      };
      return { done: false, value: request };
    }
  }

  /** Gaps are whole milliseconds; a zero gap would make a key collide with itself, so the least is 1 ms. */
  private drawGapMs(): number {
    const gapMs = Math.round(this.gap(this.gapRng));
    return gapMs < 1 ? 1 : gapMs;
  }

  /**
   * Replaces the heap's top by key k at atMs and restores order. Bottom-up (Floyd): the hole goes down
   * to a leaf along the smaller children, then k climbs back; a key's next arrival is usually later than
   * most others, so this takes about half the comparisons of a plain sift-down.
   */
  private replaceTop(k: number, atMs: number): void {
    const heapMs = this.heapMs;
    const heapKey = this.heapKey;
    const size = heapKey.length;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= size) break;
      const right = child + 1;
      if (right < size) {
        const rm = heapMs[right];
        const cm = heapMs[child];
        if (rm < cm || (rm === cm && heapKey[right] < heapKey[child])) child = right;
      }
      heapMs[i] = heapMs[child];
      heapKey[i] = heapKey[child];
      i = child;
    }
    this.siftUp(i, k, atMs);
  }

  /** Places key k at atMs into the hole at i, moving it up past later keys; ties go to the lower key. */
  private siftUp(i: number, k: number, atMs: number): void {
    const heapMs = this.heapMs;
    const heapKey = this.heapKey;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pm = heapMs[parent];
      if (pm < atMs || (pm === atMs && heapKey[parent] < k)) break;
      heapMs[i] = pm;
      heapKey[i] = heapKey[parent];
      i = parent;
    }
    heapMs[i] = atMs;
    heapKey[i] = k;
  }
}
