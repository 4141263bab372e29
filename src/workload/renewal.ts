// `renewal` workload: N independent keys, each an ordinary renewal process (first arrival one gap after
// time 0, then i.i.d. gaps), each key its own one-segment cached prefix. On the benchmark's hot path:
// keys sit in a typed-array heap, and per-key data lives in flat arrays (id, prefix tokens): each request
// gets a fresh one-segment prompt, which is cheaper than chasing a per-key object graph that is cold in
// the cache by the time the key comes round again.
import type { RenewalWorkload } from '../scenario/types.js';
import type { Request, Segment } from './request.js';
import type { Rng } from './rng.js';
import { compileDist, compileIntDist, type Sampler } from './distributions.js';
import { acceptAt } from './profile.js';
import type { SegmentKeys } from './segment-keys.js';

export class RenewalArrivals implements Iterator<Request> {
  private readonly nextMs: Float64Array;
  private readonly heap: Int32Array;
  private readonly ids: string[];
  private readonly keys: Float64Array;
  private readonly prefixTokens: Float64Array;
  private readonly gap: Sampler;
  private readonly suffix: Sampler;
  private readonly output: Sampler;
  private readonly gapRng: Rng;
  private readonly tokenRng: Rng;
  private readonly profileRng: Rng;

  constructor(private readonly spec: RenewalWorkload, rng: Rng, private readonly horizonMs: number, segmentKeys: SegmentKeys) {
    const keys = spec.keys;
    this.gap = compileDist(spec.gapMs);
    this.suffix = compileIntDist(spec.suffixTokens);
    this.output = compileIntDist(spec.outputTokens);
    this.gapRng = rng.fork('gaps');
    this.tokenRng = rng.fork('tokens');
    this.profileRng = rng.fork('profile');
    const prefixRng = rng.fork('prefix');
    const prefix = compileIntDist(spec.prefixTokens);
    this.nextMs = new Float64Array(keys);
    this.heap = new Int32Array(keys);
    this.ids = new Array<string>(keys);
    this.keys = new Float64Array(keys);
    this.prefixTokens = new Float64Array(keys);
    for (let k = 0; k < keys; k++) {
      this.ids[k] = `${spec.label}/k${k}`;
      this.keys[k] = segmentKeys.of(this.ids[k]);
      this.prefixTokens[k] = prefix(prefixRng);
      this.nextMs[k] = this.drawGapMs();
      this.heap[k] = k;
    }
    for (let i = (keys >> 1) - 1; i >= 0; i--) this.siftDown(i);
  }

  next(): IteratorResult<Request> {
    for (;;) {
      const k = this.heap[0];
      const atMs = this.nextMs[k];
      if (atMs >= this.horizonMs) return { done: true, value: undefined };
      this.nextMs[k] = atMs + this.drawGapMs();
      this.siftDown(0);
      if (!acceptAt(this.spec.profile, atMs, this.profileRng)) continue;
      const id = this.ids[k];
      const segments: Segment[] = [{ id, key: this.keys[k], tokens: this.prefixTokens[k], role: this.spec.role, breakpoint: true }];
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

  /** Restores heap order below i; ties on time go to the lower key, so the order is deterministic. */
  private siftDown(i: number): void {
    const heap = this.heap;
    const nextMs = this.nextMs;
    const size = heap.length;
    const item = heap[i];
    const itemMs = nextMs[item];
    for (;;) {
      let child = 2 * i + 1;
      if (child >= size) break;
      const right = child + 1;
      if (right < size) {
        const rm = nextMs[heap[right]];
        const cm = nextMs[heap[child]];
        if (rm < cm || (rm === cm && heap[right] < heap[child])) child = right;
      }
      const childKey = heap[child];
      const cm = nextMs[childKey];
      if (itemMs < cm || (itemMs === cm && item < childKey)) break;
      heap[i] = childKey;
      i = child;
    }
    heap[i] = item;
  }
}
