// Feeds a materialised trace to the engine as Request objects: one cached prefix per key (a reused
// one-segment array, as the renewal workload does), no tail, no output. A plain iterator object rather
// than a generator, as the workload generators are.
export function traceRequests(trace, prefixTokens, model) {
  const { atMs, key, keys } = trace;
  const prefixes = new Array(keys);
  const ids = new Array(keys);
  for (let k = 0; k < keys; k++) {
    ids[k] = `k${k}`;
    prefixes[k] = [{ id: ids[k], tokens: prefixTokens, role: 'context', breakpoint: true }];
  }
  let n = 0;
  return {
    next() {
      if (n === atMs.length) return { done: true, value: undefined };
      const k = key[n];
      const value = {
        atMs: atMs[n++],
        scope: 'default',
        model,
        segments: prefixes[k],
        segmentCount: 1,
        tailTokens: 0,
        outputTokens: 0,
        threadId: ids[k],
        threadKind: 'key',
        sessionId: ids[k],
      };
      return { done: false, value };
    },
  };
}
