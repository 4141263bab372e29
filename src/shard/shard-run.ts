// shard/: one shard of a run or replay as it happens. It sees every request of the unsplit stream (each
// shard reads or generates them all: the stream, its time origin, horizon and buckets stay the unsplit
// run's), admits those of its own units, numbers them in the unsplit order (so a merge can put sessions
// and models back in the order the unsplit run met them) and keeps each policy's unrounded figures.
import type { Request } from '../model/request.js';
import type { SimResult } from '../engine/simulate.js';
import type { PriceProfile } from '../pricing/profile.js';
import { shardOfUnit, shardUnitOf, type ShardSpec } from './shard-spec.js';
import { rawFigures, type RawFigures } from './raw-figures.js';

export class ShardRun {
  /** Position of the request being admitted in the unsplit stream (−1 before the first). */
  seq = -1;
  /** Requests of this shard's units. */
  admitted = 0;
  /** Every unit of the stream, this shard's or not (a shard says how many there were). */
  private readonly units = new Set<string>();
  private readonly unitsHere = new Set<string>();
  /** Per policy, by its index, once its simulation has finished. */
  readonly raw: RawFigures[] = [];
  /** Units that are a whole cache scope (not one key or job): they cannot be split further. */
  private scopes = 0;
  /**
   * By a numbered thread's Request.threadIndex (a CSV key): the scope and kind its unit was worked out for,
   * and whether the unit is this shard's. A unit is a function of scope, thread kind and thread id, and equal
   * indexes mean equal thread ids, so a known thread's later requests are admitted without building its unit
   * string, hashing it and looking it up twice in a Set (about 8% of a sharded 1M-row CSV replay's samples).
   */
  private readonly knownScope: string[] = [];
  private readonly knownKind: string[] = [];
  private readonly knownHere: boolean[] = [];

  constructor(readonly spec: ShardSpec) {}

  /** The `admit` of metrics/run-policies.ts: true for this shard's requests. Call once per request, in order. */
  admits = (request: Request): boolean => {
    this.seq++;
    const index = request.threadIndex;
    if (
      index !== undefined &&
      this.knownScope[index] === request.scope &&
      this.knownKind[index] === request.threadKind
    ) {
      if (!this.knownHere[index]) return false;
      this.admitted++;
      return true;
    }
    const unit = shardUnitOf(request);
    if (!this.units.has(unit)) {
      this.units.add(unit);
      if (!unit.includes('\u0000')) this.scopes++;
    }
    const here = shardOfUnit(unit, this.spec.count) === this.spec.index;
    if (index !== undefined) {
      this.knownScope[index] = request.scope;
      this.knownKind[index] = request.threadKind;
      this.knownHere[index] = here;
    }
    if (!here) return false;
    this.unitsHere.add(unit);
    this.admitted++;
    return true;
  };

  /** The `onResult` of metrics/run-policies.ts. */
  keep(priceOf: (model: string) => PriceProfile): (index: number, result: SimResult) => void {
    return (index, result) => {
      this.raw[index] = rawFigures(result, priceOf);
    };
  }

  /** How the stream divided: units in all, in this shard, and how many of them are whole scopes. */
  unitCounts(): { readonly total: number; readonly here: number; readonly scopes: number } {
    return { total: this.units.size, here: this.unitsHere.size, scopes: this.scopes };
  }
}
