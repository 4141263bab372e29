// Feeds a materialised trace to the engine as Request objects the way the renewal workload builds them:
// one fresh one-segment prompt per request from flat per-key arrays, no tail, no output. A plain iterator
// object rather than a generator, as the workload generators are.
export function traceRequests(trace, prefixTokens, model) {
  const { atMs, key, keys } = trace;
  const ids = new Array(keys);
  for (let k = 0; k < keys; k++) ids[k] = `k${k}`;
  let n = 0;
  return {
    next() {
      if (n === atMs.length) return { done: true, value: undefined };
      const k = key[n];
      const id = ids[k];
      const value = {
        atMs: atMs[n++],
        scope: 'default',
        model,
        segments: [{ id, key: k, tokens: prefixTokens, role: 'context', breakpoint: true }],
        segmentCount: 1,
        tailTokens: 0,
        outputTokens: 0,
        threadId: id,
        threadKind: 'key',
        sessionId: id,
      };
      return { done: false, value };
    },
  };
}
