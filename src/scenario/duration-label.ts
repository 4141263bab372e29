// Durations back to the scenario format's notation for messages ("4m30s"), so a message quotes values
// the way the user wrote them.
import { formatDuration } from '../report/format.js';

export function formatDurationLabel(ms: number): string {
  return formatDuration(ms);
}
