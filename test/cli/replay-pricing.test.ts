// `ttlsim replay` on logs with requests nothing prices (docs/replay.md, "Every model priced or skipped"):
// the rest replays with exit 0, the skipped ones are counted and located on stderr, in summary.json and in
// the report's notes; --strict makes them exit 2; --price and --model-map are checked.
import { describe, it, expect, beforeAll } from 'vitest';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ttlsim } from './capture.js';
import { replayMessages } from '../../src/replay/messages.js';

const BEDROCK = join('test', 'fixtures', 'bedrock', 'invocations.jsonl');
const PROFILE_ARN = 'arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/a1b2c3d4e5f6';
let tmp: string;

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'ttlsim-pricing-'));
});

describe('ttlsim replay with unpriced requests', { timeout: 240_000 }, () => {
  it.each([[['--provider', 'anthropic']], [[]], [['--provider', 'bedrock']]])(
    'the Bedrock fixture %j: exit 0, skips counted and located',
    async (flags) => {
      const out = join(tmp, `bedrock-${flags.join('-')}`);
      const { code, stdout, stderr } = await ttlsim(['replay', BEDROCK, '--out', out, ...flags]);
      expect(code).toBe(0);
      // Bedrock logs are priced as Bedrock unless --provider says otherwise; Bedrock has no 1h Opus 4.1 price.
      const skipped = flags.includes('anthropic') ? 1 : 2;
      expect(stderr.split('\n')[0]).toBe(replayMessages.unpricedSummary(skipped, skipped));
      expect(stderr).toContain(`${BEDROCK}:5: model: ${replayMessages.opaqueModel(PROFILE_ARN)}`);
      expect(stdout).toContain('left out: no price for');
      const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as {
        problems: { unpriced: { count: number } };
      };
      expect(summary.problems.unpriced.count).toBe(skipped);
      expect(readFileSync(join(out, 'index.html'), 'utf8')).toContain(`${skipped} request(s) left out: no price for`);
    },
  );

  it('--strict: a skipped request is exit 2, located, and nothing is written', async () => {
    const out = join(tmp, 'strict');
    const { code, stderr } = await ttlsim(['replay', BEDROCK, '--out', out, '--strict']);
    expect(code).toBe(2);
    expect(stderr).toContain(`${BEDROCK}:5: model: ${replayMessages.opaqueModel(PROFILE_ARN)}`);
    expect(existsSync(out)).toBe(false);
  });

  it('--model-map and --price take effect, and a malformed one names its flag', async () => {
    const mapped = await ttlsim([
      'replay',
      BEDROCK,
      '--out',
      join(tmp, 'mapped'),
      '--provider',
      'bedrock',
      '--model-map',
      `${PROFILE_ARN}=claude-sonnet-4-5`,
      '--price',
      'claude-opus-4-1=15,18.75,30,1.5,75',
    ]);
    expect(mapped.stderr).toBe('');
    expect(mapped.code).toBe(0);
    for (const [flag, value, message] of [
      ['--price', 'x=1,2', replayMessages.badPrice('x=1,2')],
      ['--price', 'x=1,2,3,4,0x5', replayMessages.badPrice('x=1,2,3,4,0x5')],
      ['--model-map', 'nothing', replayMessages.badModelMap('nothing')],
    ]) {
      const { code, stderr } = await ttlsim(['replay', BEDROCK, '--out', join(tmp, 'bad'), flag, value]);
      expect(code).toBe(2);
      expect(stderr).toBe(`${flag}: ${message}\n`);
    }
  });
});
