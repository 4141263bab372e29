// `renewal` workload: N independent keys, each an ordinary renewal process (first arrival one gap after
// time 0, then i.i.d. gaps), each key its own one-segment cached prefix. On the benchmark's hot path:
// keys sit in util/min-heap.ts (by next arrival, ties by key number), and per-key data lives in flat
// arrays (id, key, prefix tokens): each request gets a fresh one-segment prompt, which measured faster
// than reusing a per-key array (that object is cold in the CPU cache by the time its key comes round
// again; a fresh one is born hot).
import type { RenewalWorkload } from '../model/scenario.js';
import type { Request, Segment } from '../model/request.js';
import type { Rng } from './rng.js';
import { compileDist, compileTokenDist, type Sampler } from './distributions.js';
import { acceptAt } from './profile.js';
import type { SegmentKeys } from './segment-keys.js';
import { MinHeap } from '../util/min-heap.js';

export class RenewalArrivals implements Iterator<Request> {
  /** Key numbers by next arrival, ties to the lower key. */
  private readonly heap: MinHeap<number>;
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
    this.suffix = compileTokenDist(spec.suffixTokens);
    this.output = compileTokenDist(spec.outputTokens);
    this.gapRng = rng.fork('gaps');
    this.tokenRng = rng.fork('tokens');
    this.profileRng = rng.fork('profile');
    const prefixRng = rng.fork('prefix');
    const prefix = compileTokenDist(spec.prefixTokens);
    this.heap = new MinHeap<number>(keys, 2);
    this.ids = new Array<string>(keys);
    this.prefixKeys = new Float64Array(keys);
    this.prefixTokens = new Float64Array(keys);
    for (let k = 0; k < keys; k++) {
      this.ids[k] = `${spec.label}/k${k}`;
      this.prefixKeys[k] = segmentKeys.of(this.ids[k]);
      this.prefixTokens[k] = prefix(prefixRng);
      this.heap.push(this.drawGapMs(), k, k);
    }
  }

  next(): IteratorResult<Request> {
    for (;;) {
      const atMs = this.heap.peekKey();
      // An empty heap (zero keys) peeks Infinity: the stream ends too.
      if (!(atMs < this.horizonMs)) return { done: true, value: undefined };
      // The tie-break is the key number itself: no read of the payload table.
      const k = this.heap.peekTie();
      this.heap.rekeyTop(atMs + this.drawGapMs());
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
}
