// cli/ (layer 12), EDGE: the thread cli/resample-thread.ts starts: one block of the bootstrap's resamples into
// shared memory, then DONE (or FAILED) in the control cell, which wakes the waiting caller. A thread that
// starts after the caller cancelled it does nothing.
import { workerData } from 'node:worker_threads';
import { resampleSavings } from '../verdict/resample.js';
import { DONE, FAILED, PENDING, STARTED, type ResampleJob } from './resample-thread.js';

const job = workerData as ResampleJob;
const control = new Int32Array(job.control);
if (Atomics.compareExchange(control, 0, PENDING, STARTED) === PENDING) {
  let status = FAILED;
  try {
    resampleSavings(new Float64Array(job.pairs), job.state, new Float64Array(job.savings), 0, job.count);
    status = DONE;
  } finally {
    Atomics.store(control, 0, status);
    Atomics.notify(control, 0);
  }
}
