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

  constructor(
    readonly spec: ShardSpec,
    private readonly unitOf: (request: Request) => string = shardUnitOf,
  ) {}

  /** The `admit` of metrics/run-policies.ts: true for this shard's requests. Call once per request, in order. */
  admits = (request: Request): boolean => {
    this.seq++;
    const unit = this.unitOf(request);
    if (!this.units.has(unit)) {
      this.units.add(unit);
      if (!unit.includes('\u0000')) this.scopes++;
    }
    if (shardOfUnit(unit, this.spec.count) !== this.spec.index) return false;
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
