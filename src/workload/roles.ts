// Which roles a workload's prompts contain, in prompt order: scenario/ checks mixed-TTL policies against
// it (a 1h breakpoint after a 5m one is rejected on Anthropic) before anything runs.
import type { WorkloadSpec } from '../scenario/types.js';

/** Roles in the order their segments appear in every prompt of the workload. */
export function roleOrder(workload: WorkloadSpec): readonly string[] {
  switch (workload.kind) {
    case 'renewal':
    case 'periodic':
      return [workload.role];
    case 'sessions':
      return ['tools', 'system', 'project', 'history'];
  }
}
