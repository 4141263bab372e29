// `npm run bench`: engine throughput against a plain reference loop on the same trace, and peak memory
// for 1e6 and 1e7 lazily generated requests (each in its own process, so peak RSS is that run's alone).
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { renewalTrace } from './trace.js';
import { runEngine, runReference } from './engine-vs-reference.js';
import { BENCH_POLICIES } from './setup.js';

const REQUESTS = 1_000_000;
const KEYS = 100_000;
const PREFIX_TOKENS = 20_000;
const REPEATS = 3;
const mega = (n) => `${(n / 1e6).toFixed(2)}M`;

console.log(`ttlsim bench · node ${process.version} · ${REQUESTS.toLocaleString('en-US')} requests over ${KEYS.toLocaleString('en-US')} keys, exponential gaps (mean 4m)`);
const trace = renewalTrace({ keys: KEYS, requests: REQUESTS, meanGapMs: 4 * 60_000, seed: 42 });

console.log('\npolicy        engine req/s  events/s   reference req/s  engine/reference  hit rate (engine = reference)');
for (const bench of BENCH_POLICIES) {
  let engineBest = Infinity;
  let referenceBest = Infinity;
  let engine;
  let reference;
  // Alternate the two so that neither gets a warmer machine; keep the best of each.
  for (let r = 0; r < REPEATS; r++) {
    const ref = runReference(trace, bench, PREFIX_TOKENS);
    referenceBest = Math.min(referenceBest, ref.seconds);
    reference = ref.result;
    const eng = runEngine(trace, bench, PREFIX_TOKENS);
    engineBest = Math.min(engineBest, eng.seconds);
    engine = eng.result;
  }
  if (engine.hits !== reference.hits) {
    console.error(`MISMATCH ${bench.name}: engine ${engine.hits} hits, reference ${reference.hits}`);
    process.exitCode = 1;
  }
  const hitRate = (engine.hits / engine.requests).toFixed(4);
  console.log(
    `${bench.name.padEnd(13)} ${mega(REQUESTS / engineBest).padStart(12)}  ${mega(engine.events / engineBest).padStart(8)}   ${mega(REQUESTS / referenceBest).padStart(15)}  ${(engineBest / referenceBest).toFixed(2).padStart(15)}×  ${hitRate} (${engine.hits === reference.hits ? 'equal' : 'DIFFERENT'})`,
  );
}

console.log('\nEnd to end (arrivals generated on the fly, then simulated): engine = renewal workload + simulate()');
console.log('policy        engine req/s  reference req/s  engine/reference');
const endToEnd = fileURLToPath(new URL('./end-to-end-child.js', import.meta.url));
for (const bench of BENCH_POLICIES) {
  const out = execFileSync(process.execPath, [endToEnd, bench.name, String(REQUESTS), String(KEYS)], { encoding: 'utf8' });
  const { engineSeconds, referenceSeconds } = JSON.parse(out);
  console.log(`${bench.name.padEnd(13)} ${mega(REQUESTS / engineSeconds).padStart(12)}  ${mega(REQUESTS / referenceSeconds).padStart(15)}  ${(engineSeconds / referenceSeconds).toFixed(2).padStart(15)}×`);
}

console.log('\nEnd to end, 5m sliding, by number of distinct prefixes (the working set against the CPU caches):');
console.log('keys          engine req/s  reference req/s  engine/reference');
for (const keys of [1_000, 10_000, KEYS]) {
  const out = execFileSync(process.execPath, [endToEnd, BENCH_POLICIES[0].name, String(REQUESTS), String(keys)], { encoding: 'utf8' });
  const { engineSeconds, referenceSeconds } = JSON.parse(out);
  console.log(`${keys.toLocaleString('en-US').padEnd(13)} ${mega(REQUESTS / engineSeconds).padStart(12)}  ${mega(REQUESTS / referenceSeconds).padStart(15)}  ${(engineSeconds / referenceSeconds).toFixed(2).padStart(15)}×`);
}

console.log('\nPeak memory, lazily generated renewal traffic (generator + engine, 5m sliding, 100,000 keys):');
console.log('requests      req/s (incl. generation)  peak RSS  live heap after the run  peak live entries');
const child = fileURLToPath(new URL('./memory-child.js', import.meta.url));
for (const requests of [1_000_000, 10_000_000]) {
  const out = execFileSync(process.execPath, ['--expose-gc', child, String(requests)], { encoding: 'utf8' });
  const { simulated, seconds, maxRssMb, liveHeapMb, peakLiveEntries } = JSON.parse(out);
  console.log(`${simulated.toLocaleString('en-US').padEnd(13)} ${mega(simulated / seconds).padStart(24)}  ${maxRssMb.toFixed(0).padStart(5)} MB  ${liveHeapMb.toFixed(1).padStart(20)} MB  ${peakLiveEntries.toLocaleString('en-US').padStart(17)}`);
}
