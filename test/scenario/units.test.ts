import { describe, it, expect } from 'vitest';
import { parseDuration, parseRate } from '../../src/scenario/units.js';
import { formatDuration } from '../../src/model/format.js';

describe('durations', () => {
  it('every unit, compounds and decimals become integer ms', () => {
    const cases: [string, number][] = [
      ['250ms', 250],
      ['45s', 45_000],
      ['5m', 300_000],
      ['1h', 3_600_000],
      ['2d', 172_800_000],
      ['4m30s', 270_000],
      ['1h30m', 5_400_000],
      ['1d2h3m4s5ms', 93_784_005],
      ['1.5h', 5_400_000],
      ['0.5s', 500],
      ['0s', 0],
    ];
    for (const [text, ms] of cases) expect(parseDuration(text), text).toBe(ms);
  });

  it('"5ms" is five milliseconds, not five minutes and an "s"', () => {
    expect(parseDuration('5ms')).toBe(5);
    expect(parseDuration('1m5ms')).toBe(60_005);
  });

  it('sub-millisecond parts round to whole ms', () => {
    expect(parseDuration('1.4ms')).toBe(1);
    expect(parseDuration('0.0001s')).toBe(0);
  });

  it('a bare number, a sign, spaces, an unknown unit or a non-string is not a duration', () => {
    for (const bad of ['10', '', '-5m', '+5m', '5 m', ' 5m', '5x', '5min', 'm', '.5h', '5m ', '1,5h'])
      expect(parseDuration(bad), bad).toBeNull();
    for (const bad of [10, null, undefined, true, ['5m'], { m: 5 }]) expect(parseDuration(bad)).toBeNull();
  });

  it('compound parts run from the largest unit down, each once', () => {
    expect(parseDuration('30s4m')).toBeNull();
    expect(parseDuration('5m5m')).toBeNull();
    expect(parseDuration('1h1h30m')).toBeNull();
  });

  it('formatDuration writes what parseDuration reads', () => {
    for (const ms of [0, 1, 250, 1000, 270_000, 3_600_000, 5_400_000, 93_784_005])
      expect(parseDuration(formatDuration(ms))).toBe(ms);
    expect(formatDuration(270_000)).toBe('4m30s');
    expect(formatDuration(0)).toBe('0ms');
  });
});

describe('rates', () => {
  it('count per unit or per duration → events per ms', () => {
    expect(parseRate('15/h')).toBeCloseTo(15 / 3_600_000, 18);
    expect(parseRate('1/4m')).toBeCloseTo(1 / 240_000, 18);
    expect(parseRate('200/d')).toBeCloseTo(200 / 86_400_000, 18);
    expect(parseRate('0.5/m')).toBeCloseTo(0.5 / 60_000, 18);
    expect(parseRate('3/1h30m')).toBeCloseTo(3 / 5_400_000, 18);
    expect(parseRate('10/ms')).toBe(10);
  });

  it("zero is a rate (whether it is allowed is the field's rule)", () => {
    expect(parseRate('0/h')).toBe(0);
  });

  it('a count without a unit, a zero or malformed denominator, or a negative count is not a rate', () => {
    for (const bad of ['5', '15/', '/h', 'x/h', '15/0m', '15/x', '-1/h', '15 per hour', '15/h/h'])
      expect(parseRate(bad), bad).toBeNull();
    expect(parseRate(15)).toBeNull();
  });
});
