// Every spelling of a model id that logs carry (docs/pricing.md, "Model ids"): Anthropic dated and undated,
// Bedrock foundation-model and inference-profile ARNs, cross-region prefixes, `-v1:0`, Vertex `@date` and
// resource names, and the ids that name no model at all.
import { describe, expect, it } from 'vitest';
import { canonicalModel, findProfile, isOpaqueModelId } from '../../src/pricing/lookup.js';

const SHAPES: readonly [string, string][] = [
  ['claude-sonnet-4-5', 'claude-sonnet-4-5'],
  ['claude-sonnet-4-5-20250929', 'claude-sonnet-4-5'],
  ['claude-opus-4-1-20250805', 'claude-opus-4-1'],
  ['claude-3-5-haiku-latest', 'claude-3-5-haiku'],
  ['Claude-Sonnet-4.5', 'claude-sonnet-4-5'],
  ['anthropic.claude-sonnet-4-5-20250929-v1:0', 'claude-sonnet-4-5'],
  ['anthropic.claude-3-7-sonnet-20250219-v1:0', 'claude-3-7-sonnet'],
  ['us.anthropic.claude-sonnet-4-6-v1:0', 'claude-sonnet-4-6'],
  ['eu.anthropic.claude-opus-4-1-20250805-v1:0', 'claude-opus-4-1'],
  ['apac.anthropic.claude-haiku-4-5-20251001-v1:0', 'claude-haiku-4-5'],
  ['us-gov.anthropic.claude-sonnet-4-5-20250929-v1:0', 'claude-sonnet-4-5'],
  ['global.anthropic.claude-opus-4-6-v1', 'claude-opus-4-6'],
  ['arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-haiku-4-5-20251001-v1:0', 'claude-haiku-4-5'],
  [
    'arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-sonnet-4-5-20250929-v1:0',
    'claude-sonnet-4-5',
  ],
  ['claude-sonnet-4-5@20250929', 'claude-sonnet-4-5'],
  ['claude-opus-4-1@20250805', 'claude-opus-4-1'],
  ['claude-3-5-haiku@20241022', 'claude-3-5-haiku'],
  [
    'projects/my-project/locations/us-east5/publishers/anthropic/models/claude-sonnet-4-5@20250929',
    'claude-sonnet-4-5',
  ],
  ['anthropic/claude-sonnet-4.5', 'claude-sonnet-4-5'],
];

const OPAQUE = [
  'arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/a1b2c3d4e5f6',
  'arn:aws:bedrock:us-west-2:123456789012:provisioned-model/abcdef123456',
  'arn:aws:bedrock:us-west-2:123456789012:custom-model/anthropic.claude-3-haiku-20240307-v1:0:200k/xyz',
];

describe('model ids', () => {
  it.each(SHAPES)('%s is %s on every provider that serves it', (id, model) => {
    expect(canonicalModel(id)).toBe(model);
    expect(findProfile('anthropic', id)?.model).toBe(model);
    expect(findProfile('vertex', id)?.model).toBe(model);
  });

  it('Bedrock resolves its own spellings to the models it serves', () => {
    for (const [id, model] of SHAPES.filter(([id]) => /anthropic\.|arn:/.test(id)))
      expect(findProfile('bedrock', id)?.model, id).toBe(model);
  });

  it.each(OPAQUE)('%s names no model: kept as it is, priced by nothing', (id) => {
    expect(isOpaqueModelId(id)).toBe(true);
    expect(canonicalModel(id)).toBe(id.toLowerCase());
    expect(findProfile('bedrock', id)).toBeUndefined();
  });

  it('foundation-model and inference-profile ARNs name their model', () => {
    expect(isOpaqueModelId(SHAPES[12][0])).toBe(false);
    expect(isOpaqueModelId(SHAPES[13][0])).toBe(false);
  });

  it('other vendors and hostile ids are left alone', () => {
    expect(canonicalModel('mistral.mistral-large-2407-v1:0')).toBe('mistral.mistral-large-2407-v1:0');
    expect(canonicalModel('mistral-large-2')).toBe('mistral-large-2');
    expect(canonicalModel('gpt-4.1-2025-04-14')).toBe('gpt-4.1');
    expect(canonicalModel('constructor')).toBe('constructor');
    expect(canonicalModel('__proto__')).toBe('__proto__');
    expect(findProfile('anthropic', 'toString')).toBeUndefined();
  });
});
