// The reference loop end to end: generate the renewal arrivals lazily (a typed-array heap of keys by
// next arrival, exponential gaps) and simulate the single-prefix cache on the fly — what the engine
// does with the renewal workload, in a few dozen lines with no objects per request.
import seedrandom from 'seedrandom';

export function referenceEndToEnd({ keys, requests, meanGapMs, ttlMs, sliding, seed }) {
  const random = seedrandom.alea(String(seed));
  const gap = () => Math.max(1, Math.round(-Math.log(1 - random()) * meanGapMs));
  const nextMs = new Float64Array(keys);
  const heap = new Int32Array(keys);
  const expiresAtMs = new Float64Array(keys);
  for (let k = 0; k < keys; k++) {
    nextMs[k] = gap();
    heap[k] = k;
  }
  const siftDown = (i) => {
    const item = heap[i];
    const itemMs = nextMs[item];
    for (;;) {
      let child = 2 * i + 1;
      if (child >= keys) break;
      if (child + 1 < keys && nextMs[heap[child + 1]] < nextMs[heap[child]]) child++;
      if (nextMs[heap[child]] >= itemMs) break;
      heap[i] = heap[child];
      i = child;
    }
    heap[i] = item;
  };
  for (let i = (keys >> 1) - 1; i >= 0; i--) siftDown(i);
  let hits = 0;
  for (let n = 0; n < requests; n++) {
    const k = heap[0];
    const now = nextMs[k];
    if (expiresAtMs[k] > now) {
      hits++;
      if (sliding) expiresAtMs[k] = now + ttlMs;
    } else {
      expiresAtMs[k] = now + ttlMs;
    }
    nextMs[k] = now + gap();
    siftDown(0);
  }
  return { requests, hits };
}
