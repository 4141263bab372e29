// verdict/ (layer 8): the exact change a verdict asks for, as the user would type it: a settings.json
// fragment and an environment line for Claude Code (model/claude-code-knobs.ts), a `cache_control` fragment per
// breakpoint for the API, Bedrock and Vertex. For `keep` the same lines say what to keep.
import type { PolicySpec, Tier } from '../model/policy.js';
import { knob } from '../model/claude-code-knobs.js';
import type { Target } from './targets.js';
import { verdictMessages } from './messages.js';

export interface VerdictAction {
  /** Where the text goes: `settings.json`, `env`, `request`. */
  readonly target: string;
  readonly text: string;
}

const label = (t: Tier | null | undefined): '5m' | '1h' | null => (t === null || t === undefined ? null : t.billAs);

function claudeCodeActions(spec: PolicySpec): VerdictAction[] {
  if (spec.kind !== 'static') return [{ target: 'env', text: `${knob('DISABLE_PROMPT_CACHING').name}=1` }];
  const main = label(spec.defaultTier) ?? '5m';
  const subagent = label(spec.tierByThreadKind?.subagent) ?? main;
  const settings = `{ "${knob('promptCacheTtl').name}": "${main}", "${knob('subagentPromptCacheTtl').name}": "${subagent}" }`;
  const since = knob('promptCacheTtl').sinceVersion;
  const env =
    main !== subagent
      ? verdictMessages.noEnvSplit(knob('ENABLE_PROMPT_CACHING_1H').name)
      : main === '1h'
        ? `${knob('ENABLE_PROMPT_CACHING_1H').name}=1`
        : `${knob('FORCE_PROMPT_CACHING_5M').name}=1`;
  return [
    { target: 'settings.json', text: settings },
    {
      target: 'env',
      text: verdictMessages.beforeVersion(String(knob('ENABLE_PROMPT_CACHING_1H').sinceVersion), String(since), env),
    },
  ];
}

const cacheControl = (ttl: '5m' | '1h'): string => `"cache_control": { "type": "ephemeral", "ttl": "${ttl}" }`;

function requestActions(spec: PolicySpec, target: Target): VerdictAction[] {
  if (spec.kind !== 'static') return [{ target: 'request', text: verdictMessages.noCacheControl(target) }];
  const byRole = Object.entries(spec.tierByRole);
  const rest = label(spec.defaultTier) ?? '5m';
  if (byRole.length === 0)
    return [{ target: 'request', text: verdictMessages.everyBreakpoint(target, cacheControl(rest)) }];
  return byRole.map(([role, t]) => ({
    target: 'request',
    text: verdictMessages.onBreakpoint(target, role, label(t) === null ? null : cacheControl(label(t)!)),
  }));
}

/** The lines that configure `spec` on `target`; for `keep` and `try`, prefixed with what they are for. */
export function actionsFor(target: Target, spec: PolicySpec, mode: 'change' | 'keep' | 'try'): VerdictAction[] {
  const lines = target === 'claude-code' ? claudeCodeActions(spec) : requestActions(spec, target);
  if (mode === 'change') return lines;
  const prefix = mode === 'keep' ? verdictMessages.keepLine : verdictMessages.tryLine;
  return lines.map((a) => ({ ...a, text: prefix(spec.name, a.text) }));
}
