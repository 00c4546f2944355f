import { describe, expect, it } from 'vitest';
import { median, percentile, ratio } from './statistics.js';

describe('statistics of samples', () => {
  it.each([
    { values: [5], p: 50, expected: 5 },
    { values: [3, 1, 2], p: 50, expected: 2 },
    { values: [4, 1, 3, 2], p: 50, expected: 2.5 },
    { values: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], p: 0, expected: 1 },
    { values: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], p: 100, expected: 10 },
    { values: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], p: 90, expected: 9.1 },
    { values: Array.from({ length: 200 }, (_, i) => 200 - i), p: 99, expected: 198.01 },
  ])('the p$p of $values.length samples is $expected', ({ values, p, expected }) => {
    expect(percentile(values, p)).toBeCloseTo(expected, 10);
  });

  it('takes the median of unsorted samples without reordering them', () => {
    const samples = [9, 1, 5];
    expect(median(samples)).toBe(5);
    expect(samples).toEqual([9, 1, 5]);
  });

  it('has no percentile of no samples and no ratio to a zero floor', () => {
    expect(median([])).toBeNaN();
    expect(ratio(5, 0)).toBeNaN();
    expect(ratio(6, 3)).toBe(2);
  });
});
