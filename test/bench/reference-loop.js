// The plain reference loop of the single-prefix model: one entry per key, alive on [t, t+T), sliding
// (every hit extends) or fixed (expiry counted from the write). A few dozen lines and typed arrays, with
// the same boundary rule as the engine; the benchmark runs it on the same trace and compares.

/** Returns hits and the token ledger for `prefixTokens` per request (1 breakpoint, no tail). */
export function referenceLoop(trace, { ttlMs, sliding, prefixTokens, billAs1h }) {
  const { atMs, key, keys } = trace;
  const expiresAtMs = new Float64Array(keys); // 0 = no entry (times start at ≥ 1 ms)
  // Expiry events in a typed-array heap, as an event-driven cache would keep them (lazily rescheduled).
  const heapAt = new Float64Array(keys);
  const heapKey = new Int32Array(keys);
  let heapSize = 0;
  let hits = 0;
  let expirations = 0;
  const push = (t, k) => {
    let i = heapSize++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (heapAt[p] <= t) break;
      heapAt[i] = heapAt[p];
      heapKey[i] = heapKey[p];
      i = p;
    }
    heapAt[i] = t;
    heapKey[i] = k;
  };
  const pop = () => {
    const t = heapAt[--heapSize];
    const k = heapKey[heapSize];
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= heapSize) break;
      if (c + 1 < heapSize && heapAt[c + 1] < heapAt[c]) c++;
      if (heapAt[c] >= t) break;
      heapAt[i] = heapAt[c];
      heapKey[i] = heapKey[c];
      i = c;
    }
    heapAt[i] = t;
    heapKey[i] = k;
  };
  for (let n = 0; n < atMs.length; n++) {
    const now = atMs[n];
    // Expire everything due at or before now (expiry sorts before a same-ms arrival).
    while (heapSize > 0 && heapAt[0] <= now) {
      const k = heapKey[0];
      const due = heapAt[0];
      pop();
      if (expiresAtMs[k] > due) push(expiresAtMs[k], k);
      else {
        expiresAtMs[k] = 0;
        expirations++;
      }
    }
    const k = key[n];
    if (expiresAtMs[k] > now) {
      hits++;
      if (sliding) expiresAtMs[k] = now + ttlMs;
    } else {
      expiresAtMs[k] = now + ttlMs;
      push(expiresAtMs[k], k);
    }
  }
  const misses = atMs.length - hits;
  return {
    requests: atMs.length,
    hits,
    expirationsBeforeEnd: expirations,
    cacheRead: hits * prefixTokens,
    cacheWrite5m: billAs1h ? 0 : misses * prefixTokens,
    cacheWrite1h: billAs1h ? misses * prefixTokens : 0,
  };
}
