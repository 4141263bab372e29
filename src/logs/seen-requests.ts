// logs/ (layer 4): the API requests a replay has already read, across every file, so that a request found
// in several files (a log copied to a backup folder, two homes, overlapping exports, a subagent seen both in
// its own file and in its parent's progress lines) is billed once. Pure: the caller hands in the calls each
// reader returned and says when a call has been replayed. Memory and the rules are in docs/replay.md.
import type { RecordedCall, RecordedUsage } from './types.js';

export class SeenRequests {
  /**
   * Every request key read so far → the usage of the call kept for it while that call waits to be
   * replayed (a later copy with a larger output count may still raise it), null once replayed.
   */
  private readonly byKey = new Map<string, RecordedUsage | null>();
  /** Message ids of main-conversation calls, across files (a sidechain line repeating one is no request). */
  readonly mainMessageIds = new Set<string>();
  /** Calls dropped because their request had already been read. */
  duplicates = 0;

  /**
   * The calls of one file whose request was not read before (in this file or another), in their order.
   * A copy's larger output count is kept: a copy cut off while a response streamed records a partial one.
   */
  firstCopies(calls: readonly RecordedCall[]): RecordedCall[] {
    const kept: RecordedCall[] = [];
    for (const call of calls) {
      const key = call.requestKey ?? '';
      if (key === '') {
        kept.push(call);
        continue;
      }
      if (!this.byKey.has(key)) {
        this.byKey.set(key, call.usage);
        kept.push(call);
        continue;
      }
      this.duplicates++;
      const earlier = this.byKey.get(key);
      if (earlier !== null && earlier !== undefined && call.usage.output > earlier.output)
        earlier.output = call.usage.output;
    }
    return kept;
  }

  /** The call has become a request: its counts are final, so only its key is kept. */
  replayed(call: RecordedCall): void {
    const key = call.requestKey ?? '';
    if (key !== '') this.byKey.set(key, null);
  }
}
