// run/ (layer 9): a scenario's `kind: replay` workload as a Request stream: the logs' requests (logs/), time
// 0 at their first one, cut at the scenario's horizon, on the run's SegmentKeys so they share the cache model
// with any synthetic workload beside them.
import type { ReplayWorkload } from '../model/scenario.js';
import type { Request } from '../model/request.js';
import type { SegmentKeys } from '../workload/segment-keys.js';
import type { ProblemLog } from '../logs/types.js';
import { findLogFiles, originOf } from '../logs/find-logs.js';
import { RecordedArrivals } from '../logs/recorded-arrivals.js';
import { noRequestsError } from '../logs/no-requests.js';
import { isRecorded } from '../logs/usage-chain.js';
import { findProfile } from '../pricing/lookup.js';
import { messages } from '../scenario/messages.js';

export function replayArrivals(
  spec: ReplayWorkload,
  keys: SegmentKeys,
  horizonMs: number,
  problems: ProblemLog,
  provider: string,
): Iterator<Request> {
  let files = findLogFiles([spec.path], { cwd: '.', env: {}, format: spec.format, csvColumns: spec.columns }, problems);
  if (spec.project !== undefined) files = files.filter((f) => f.project.includes(spec.project!));
  const originMs = originOf(files);
  const arrivals = new RecordedArrivals({
    files,
    originMs,
    scope: spec.scope,
    defaultModel: spec.model,
    csvColumns: spec.columns,
    keys,
    problems,
  });
  // A logged model the scenario's provider does not price is left out and counted with the unusable lines,
  // as `ttlsim replay` does (docs/replay.md, section 9), rather than stopping the run.
  const priced = new Map<string, boolean>();
  const isPriced = (model: string) => {
    let known = priced.get(model);
    if (known === undefined) priced.set(model, (known = findProfile(provider, model) !== undefined));
    return known;
  };
  let read = 0;
  return {
    next: () => {
      for (;;) {
        const next = arrivals.next();
        // Logs of which not one request could be used are an error, as in `ttlsim replay`, not an empty workload.
        if (next.done === true && read === 0) throw noRequestsError(problems, spec.shownPath);
        if (next.done === true || next.value.atMs >= horizonMs) return { done: true, value: undefined };
        if (isPriced(next.value.model)) {
          read++;
          return next;
        }
        const at = isRecorded(next.value) ? next.value : { file: spec.shownPath, line: 0 };
        problems.add(at.file, at.line, 'model', messages.replayedModelUnpriced(next.value.model, provider));
      }
    },
  };
}
