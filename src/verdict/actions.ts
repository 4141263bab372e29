// verdict/ (layer 9): the exact change a verdict asks for, as the user would type it: a settings.json
// fragment and an environment line for Claude Code (model/claude-code-knobs.ts), a `cache_control` fragment per
// breakpoint for the API, Bedrock and Vertex. For `keep` the same lines say what to keep.
import type { PolicySpec, Tier } from '../model/policy.js';
import { knob, perFamilyDisables } from '../model/claude-code-knobs.js';
import type { Target } from './targets.js';
import { verdictMessages } from './messages.js';

export interface VerdictAction {
  /** Where the text goes: `settings.json`, `env`, `request`. */
  readonly target: string;
  readonly text: string;
}

const label = (t: Tier | null | undefined): '5m' | '1h' | null => (t === null || t === undefined ? null : t.billAs);

/**
 * The settings.json fragment (2.1.243+), the same settings as environment variables (same versions), and
 * the older environment form (2.1.108 up to before 2.1.243), which has only two switches:
 * ENABLE_PROMPT_CACHING_1H gives the main conversation 1h (subagents stay 5m, the documented default) and
 * FORCE_PROMPT_CACHING_5M gives everything 5m. A policy neither sets gets a line saying so.
 */
function claudeCodeActions(spec: PolicySpec): VerdictAction[] {
  if (spec.kind !== 'static')
    return [
      {
        target: 'env',
        text: verdictMessages.disableAll(
          `${knob('DISABLE_PROMPT_CACHING').name}=1`,
          perFamilyDisables().map((k) => k.name),
        ),
      },
    ];
  const main = label(spec.defaultTier) ?? '5m';
  const subagent = label(spec.tierByThreadKind?.subagent) ?? main;
  const settings = `{ "${knob('promptCacheTtl').name}": "${main}", "${knob('subagentPromptCacheTtl').name}": "${subagent}" }`;
  const since = String(knob('promptCacheTtl').sinceVersion);
  const envSince = String(knob('CLAUDE_CODE_PROMPT_CACHE_TTL').sinceVersion);
  const env = `${knob('CLAUDE_CODE_PROMPT_CACHE_TTL').name}=${main} ${knob('CLAUDE_CODE_SUBAGENT_PROMPT_CACHE_TTL').name}=${subagent}`;
  const oneHour = knob('ENABLE_PROMPT_CACHING_1H');
  const older =
    main === '1h' && subagent === '5m'
      ? `${oneHour.name}=1`
      : main === '5m' && subagent === '5m'
        ? `${knob('FORCE_PROMPT_CACHING_5M').name}=1`
        : verdictMessages.noOlderEnv(oneHour.name);
  return [
    { target: 'settings.json', text: settings },
    { target: 'env', text: verdictMessages.sameSettingsEnv(env, envSince) },
    { target: 'env', text: verdictMessages.beforeVersion(String(oneHour.sinceVersion), since, older) },
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
