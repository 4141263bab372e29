// verdict/ (layer 8): the helper thread of a large bootstrap (bootstrap.ts): the later resamples, from the
// stream's state that many draws on, written into shared memory; then a flag the calling thread waits on.
import { workerData } from 'node:worker_threads';
import { resampleSavings } from './resample.js';
import { DONE, FAILED, STARTED, type BootstrapShare } from './bootstrap-share.js';

const share = workerData as BootstrapShare;
const flag = new Int32Array(share.flag);
Atomics.store(flag, 0, STARTED);
try {
  resampleSavings(new Float64Array(share.pairs), share.state, new Float64Array(share.savings), share.from, share.to);
  Atomics.store(flag, 0, DONE);
} catch {
  Atomics.store(flag, 0, FAILED);
}
Atomics.notify(flag, 0);
