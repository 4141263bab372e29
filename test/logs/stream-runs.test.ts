// RunSplitter keeps in-order rows in a ring instead of the reorder buffer's heap: it must find the same runs
// as the heap alone (the plain model below, the buffer played row by row) on sorted files, files with rows
// slightly out of order, and exports concatenated out of order.
import { describe, expect, it } from 'vitest';
import seedrandom from 'seedrandom';
import { RunSplitter } from '../../src/logs/stream-runs.js';

/** The reorder buffer played on timestamps with a sorted array: each row it cannot place starts a run. */
function modelRuns(times: readonly number[], rows: number) {
  const runs: { fromLine: number; firstMs: number; lastMs: number }[] = [];
  let held: number[] = [];
  let lastEmittedMs = -Infinity;
  let latestMs = -Infinity;
  let sorted = true;
  times.forEach((ms, i) => {
    if (ms < latestMs) sorted = false;
    else latestMs = ms;
    let run = runs.at(-1);
    if (run === undefined || ms < lastEmittedMs) {
      run = { fromLine: i + 1, firstMs: ms, lastMs: ms };
      runs.push(run);
      held = [];
      lastEmittedMs = -Infinity;
    }
    run.firstMs = Math.min(run.firstMs, ms);
    run.lastMs = Math.max(run.lastMs, ms);
    held.push(ms);
    held.sort((a, b) => a - b);
    if (held.length >= rows) lastEmittedMs = held.shift()!;
  });
  return { runs: runs.length > 1 && runs.length <= 16 ? runs : undefined, sorted };
}

function splitterRuns(times: readonly number[], rows: number) {
  const splitter = new RunSplitter(rows);
  times.forEach((ms, i) => splitter.add(ms, i + 1));
  return { runs: splitter.result(), sorted: splitter.sorted };
}

describe('RunSplitter', () => {
  it('finds the runs the reorder buffer would, in order or not', () => {
    for (let seed = 1; seed <= 60; seed++) {
      const random = seedrandom.alea(`runs/${seed}`);
      const rows = 1 + Math.floor(random() * 20);
      const parts = 1 + Math.floor(random() * 4);
      const times: number[] = [];
      for (let p = 0; p < parts; p++) {
        let t = Math.floor(random() * 10_000);
        const n = 10 + Math.floor(random() * 200);
        for (let i = 0; i < n; i++) {
          t += Math.floor(random() * 50);
          times.push(random() < 0.05 ? t - Math.floor(random() * 300) : t);
        }
      }
      expect(splitterRuns(times, rows)).toEqual(modelRuns(times, rows));
    }
  });
});
