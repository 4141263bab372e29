// The plain-JS reference of a CSV replay: read the file in chunks, cut each line at its commas, map the key
// to an integer through a Map, and run the single-prefix model of reference-loop.js under 5m sliding and
// 1h fixed at once (one entry per key, alive on [t, t+T)). What a hand-written script would do, in a few
// dozen lines; the benchmark requires the same hits as ttlsim's replay of the file.
//   node test/bench/reference-csv-replay.js <file> [originMs]  → prints { rows, hits5m, hits1h, seconds } as JSON
import { closeSync, openSync, readSync } from 'node:fs';

const FIVE_MINUTES_MS = 300_000;
const HOUR_MS = 3_600_000;

export function referenceCsvReplay(path) {
  const fd = openSync(path, 'r');
  const buffer = Buffer.allocUnsafe(4 << 20);
  const keyIndex = new Map();
  let expires5m = new Float64Array(1 << 16);
  let expires1h = new Float64Array(1 << 16);
  let rows = 0;
  let hits5m = 0;
  let hits1h = 0;
  let filled = 0;
  let header = true;
  for (;;) {
    const read = readSync(fd, buffer, filled, buffer.length - filled, null);
    const end = filled + read;
    let start = 0;
    for (
      let newline = buffer.indexOf(10, filled);
      newline !== -1 && newline < end;
      newline = buffer.indexOf(10, start)
    ) {
      const lineStart = start;
      start = newline + 1;
      if (header) {
        header = false;
        continue;
      }
      if (newline === lineStart) continue;
      // timestamp,key,prefixTokens,suffixTokens,outputTokens
      const comma1 = buffer.indexOf(44, lineStart);
      const comma2 = buffer.indexOf(44, comma1 + 1);
      let atMs = 0;
      for (let i = lineStart; i < comma1; i++) atMs = atMs * 10 + buffer[i] - 48;
      const name = buffer.toString('latin1', comma1 + 1, comma2);
      let k = keyIndex.get(name);
      if (k === undefined) {
        k = keyIndex.size;
        keyIndex.set(name, k);
        if (k === expires5m.length) {
          const grown5m = new Float64Array(k * 2);
          grown5m.set(expires5m);
          expires5m = grown5m;
          const grown1h = new Float64Array(k * 2);
          grown1h.set(expires1h);
          expires1h = grown1h;
        }
      }
      rows++;
      // 5m sliding: a hit extends the entry; 1h fixed: only a write sets its expiry.
      if (expires5m[k] > atMs) hits5m++;
      expires5m[k] = atMs + FIVE_MINUTES_MS;
      if (expires1h[k] > atMs) hits1h++;
      else expires1h[k] = atMs + HOUR_MS;
    }
    if (read === 0) break;
    buffer.copy(buffer, 0, start, end);
    filled = end - start;
  }
  closeSync(fd);
  return { rows, hits5m, hits1h };
}

if (process.argv[1] === new URL(import.meta.url).pathname) {
  const started = process.hrtime.bigint();
  const result = referenceCsvReplay(process.argv[2]);
  process.stdout.write(JSON.stringify({ ...result, seconds: Number(process.hrtime.bigint() - started) / 1e9 }));
}
