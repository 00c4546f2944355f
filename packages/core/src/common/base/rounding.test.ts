import { describe, expect, it } from 'vitest';
import { roundHalfUp } from './rounding.js';

describe('rounding half up', () => {
  it.each([
    [2, 3, 67],
    [1, 3, 33],
    [1, 8, 13],
    [3, 8, 38],
    [5, 4, 125],
    [4, 3, 133],
    [1, 2, 50],
    [0, 5, 0],
    [7, 7, 100],
  ])('%i ÷ %i is %i%%', (numerator, denominator, percent) => {
    expect(roundHalfUp(numerator, denominator)).toBe(percent);
  });

  it.each([
    [-1, 8, -13],
    [1, -8, -13],
    [-2, 3, -67],
  ])('rounds a negative half away from zero: %i ÷ %i is %i', (numerator, denominator, expected) => {
    expect(roundHalfUp(numerator, denominator)).toBe(expected);
  });

  it('takes a scale, so one decimal place of a percentage is scale 1000', () => {
    expect(roundHalfUp(1, 16, 1000)).toBe(63); // 6.25% → 6.3%
    expect(roundHalfUp(1, 8, 1)).toBe(0); // 0.125 → 0
  });

  it('refuses a zero denominator as a bug rather than returning Infinity', () => {
    expect(() => roundHalfUp(1, 0)).toThrow(/denominator/);
  });
});
