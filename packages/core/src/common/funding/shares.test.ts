import { describe, expect, it } from 'vitest';
import { splitShares } from './shares.js';

const pounds = (amount: number): number => amount * 100;

describe('splitting 100% into shares', () => {
  it('reproduces the published 2024/25 income shares within 0.01, the equal lines equal, summing to exactly 100.00', () => {
    const income = [311609, 33850, 33850, 13540, 12054, 5000, 5000, 3741, 1959];
    const published = [74.08, 8.05, 8.05, 3.22, 2.87, 1.19, 1.19, 0.89, 0.46];
    const { shares, rounding, total } = splitShares(income.map(pounds));
    expect(shares).toEqual([7409, 805, 805, 322, 286, 119, 119, 89, 46]);
    expect([rounding, total, shares.reduce((a, b) => a + b, 0)]).toEqual(['to-total', 10000, 10000]);
    shares.forEach((share, index) => expect(Math.abs(share / 100 - published[index]!)).toBeLessThanOrEqual(0.01 + 1e-9));
  });

  it('lands within 0.05 of each published expenditure share, which were rounded to 0.1 and sum to 100.10', () => {
    const spending = [372189, 24740, 9323, 6650, 5838, 825, 818, 220];
    const published = [88.5, 5.9, 2.2, 1.6, 1.4, 0.2, 0.2, 0.1];
    expect(published.reduce((a, b) => a + b, 0)).toBeCloseTo(100.1, 6);
    const { shares } = splitShares(spending.map(pounds));
    expect(shares.reduce((a, b) => a + b, 0)).toBe(10000);
    shares.forEach((share, index) => expect(Math.abs(share / 100 - published[index]!)).toBeLessThanOrEqual(0.05 + 1e-9));
  });

  it('gives two equal contributions equal shares, and still sums to exactly 100.00', () => {
    // Exactly 77.6867…, 11.1566…, 11.1566…: floors 7768 + 1115 + 1115 leave two spare units. By
    // remainder alone the first goes to the £235,707 line and the second to one £33,850 line only,
    // which showed 77.69%, 11.16% and 11.15%; the pair takes both instead.
    const { shares, rounding } = splitShares([235707, 33850, 33850].map(pounds));
    expect(shares).toEqual([7768, 1116, 1116]);
    expect(rounding).toBe('to-total');
  });

  it.each<[string, number[], number, number[]]>([
    ['one decimal place', [2, 1], 1, [667, 333]],
    ['one line takes everything', [0, 5, 0], 2, [0, 10000, 0]],
    ['the larger remainder wins before the larger amount', [1, 2], 0, [33, 67]],
    // Floors 28, 14, 28, 14, 14 (98); remainders 4/7, 2/7, 4/7, 2/7, 2/7: the two 4/7s win.
    ['equal amounts take the spare units together', [2, 1, 2, 1, 1], 0, [29, 14, 29, 14, 14]],
    // Floors 16, 16, 66 (98); every remainder is 4/6. The 4 cannot take one unit and leave one
    // unit for the two 1s, so the two 1s take both.
    ['a group that would leave an odd unit gives way to one that fits exactly', [1, 1, 4], 0, [17, 17, 66]],
    // Floors 33, 16, 16, 33 (98); remainders 2/6, 4/6, 4/6, 2/6: the equal 4/6s of equal amounts both win.
    ['equal amounts with equal remainders are treated alike', [2, 1, 1, 2], 0, [33, 17, 17, 33]],
    // Floors 30, 30, 20, 20 (100): nothing to give out.
    ['exact shares are left as they are', [3, 3, 2, 2], 0, [30, 30, 20, 20]],
  ])('%s', (_name, amounts, decimals, expected) => {
    expect(splitShares(amounts, decimals)).toEqual({ shares: expected, rounding: 'to-total', total: 10 ** (decimals + 2) });
  });

  it.each<[string, number[], number, number[], number]>([
    ['three equal lines show 33.33% each, adding up to 99.99%', [1, 1, 1], 2, [3333, 3333, 3333], 9999],
    ['three equal lines in whole percentages', [5, 5, 5], 0, [33, 33, 33], 99],
    // Exactly 33.335%, twice, and 33.33%: one spare unit for a pair, so each rounds to the nearest.
    ['a pair that cannot share the one spare unit rounds to the nearest, halves up', [6667, 6667, 6666], 2, [3334, 3334, 3333], 10001],
  ])('when no exact split keeps equal amounts equal, %s', (_name, amounts, decimals, expected, total) => {
    expect(splitShares(amounts, decimals)).toEqual({ shares: expected, rounding: 'nearest', total });
  });

  it('gives all zeros when the total is zero, and nothing for no lines', () => {
    expect(splitShares([0, 0, 0])).toEqual({ shares: [0, 0, 0], rounding: 'to-total', total: 0 });
    expect(splitShares([])).toEqual({ shares: [], rounding: 'to-total', total: 0 });
  });

  it.each([[-1], [1.5], [Number.NaN]])('refuses an amount of %s as a bug', (bad) => {
    expect(() => splitShares([10, bad])).toThrow(/amount 1/);
  });
});
