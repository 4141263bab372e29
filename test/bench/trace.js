// A deterministic renewal trace for the benchmark: `keys` keys with exponential gaps (mean `meanGapMs`),
// merged in time order, `requests` arrivals in all. Materialised in typed arrays so that the engine and
// the reference loop consume the very same arrivals.
import seedrandom from 'seedrandom';

export function renewalTrace({ keys, requests, meanGapMs, seed }) {
  const random = seedrandom.alea(String(seed));
  const gap = () => Math.max(1, Math.round(-Math.log(1 - random()) * meanGapMs));
  const nextMs = new Float64Array(keys);
  const heap = new Int32Array(keys);
  for (let k = 0; k < keys; k++) {
    nextMs[k] = gap();
    heap[k] = k;
  }
  const less = (a, b) => nextMs[a] < nextMs[b] || (nextMs[a] === nextMs[b] && a < b);
  const siftDown = (i) => {
    const item = heap[i];
    for (;;) {
      let child = 2 * i + 1;
      if (child >= keys) break;
      if (child + 1 < keys && less(heap[child + 1], heap[child])) child++;
      if (!less(heap[child], item)) break;
      heap[i] = heap[child];
      i = child;
    }
    heap[i] = item;
  };
  for (let i = (keys >> 1) - 1; i >= 0; i--) siftDown(i);
  const atMs = new Float64Array(requests);
  const key = new Int32Array(requests);
  for (let n = 0; n < requests; n++) {
    const k = heap[0];
    atMs[n] = nextMs[k];
    key[n] = k;
    nextMs[k] += gap();
    siftDown(0);
  }
  return { atMs, key, keys };
}
