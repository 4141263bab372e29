// model/ (layer 0): which roles a workload's prompts contain, in prompt order: scenario/ checks mixed-TTL
// policies against it (a 1h breakpoint after a 5m one is rejected on Anthropic), tune/ builds its space.
import type { WorkloadSpec } from './scenario.js';

/**
 * Roles that carry breakpoints, in the order their segments appear in the workload's prompts. Roles that
 * never carry one (a sessions prompt's tools: its breakpoint is on the system prompt after them) are left
 * out, so a TTL on them cannot break the provider's ordering rule.
 */
export function roleOrder(workload: WorkloadSpec): readonly string[] {
  switch (workload.kind) {
    case 'renewal':
    case 'periodic':
      return [workload.role];
    case 'sessions':
      return ['system', 'project', 'history'];
  }
}
