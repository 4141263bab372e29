// util/ (layer 0), PURE: the one re-binning of sparse time buckets (engine/timeseries.ts while it records,
// metrics/sparse-series.ts when shards merge): items in time order gathered into buckets `widthMs` wide.

/**
 * The first item of each bucket, moved to the bucket's start (`moved`), with the later items of that bucket
 * added into it (`add`); `items` must be in time order.
 */
export function rebin<T extends { readonly startMs: number }>(
  items: readonly T[],
  widthMs: number,
  moved: (item: T, startMs: number) => T,
  add: (into: T, from: T) => void,
): T[] {
  const out: T[] = [];
  for (const item of items) {
    const startMs = Math.floor(item.startMs / widthMs) * widthMs;
    const into = out[out.length - 1];
    if (into === undefined || into.startMs !== startMs) out.push(moved(item, startMs));
    else add(into, item);
  }
  return out;
}
