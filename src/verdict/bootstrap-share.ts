// verdict/ (layer 8): what the calling thread and the helper thread of a bootstrap share (bootstrap.ts).
import type { AleaState } from '../workload/rng.js';

/** flag[0]: the helper's progress, which the calling thread waits on. */
export const NOT_STARTED = 0;
export const STARTED = 1;
export const DONE = 2;
export const FAILED = 3;

export interface BootstrapShare {
  /** SharedArrayBuffers: the cost pairs (read), the savings (the helper writes [from, to)), the flag. */
  readonly pairs: SharedArrayBuffer;
  readonly savings: SharedArrayBuffer;
  readonly flag: SharedArrayBuffer;
  /** The stream's state at resample `from`. */
  readonly state: AleaState;
  readonly from: number;
  readonly to: number;
}
