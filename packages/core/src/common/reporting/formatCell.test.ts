import { describe, expect, it } from 'vitest';
import { displayCell, formatDate, formatMoney, plainCell } from './formatCell.js';
import type { Cell, CellType } from './table.js';

describe('formatMoney', () => {
  it.each([
    [31_160_900, '£311,609'],
    [195_950, '£1,959.50'],
    [5, '£0.05'],
    [0, '£0'],
  ])('shows %i pence as %s', (pence, shown) => {
    expect(formatMoney(pence)).toBe(shown);
  });
});

describe('formatDate', () => {
  it('writes a calendar date the UK way', () => {
    expect(formatDate('2025-03-31')).toBe('31/03/2025');
  });

  it('leaves anything that is not a calendar date as it is', () => {
    expect(formatDate('n/a')).toBe('n/a');
  });
});

describe('displayCell and plainCell', () => {
  it.each<[Cell, CellType, string, string]>([
    [31_160_900, 'pence', '£311,609', '311609.00'],
    [133, 'percent', '133%', '133%'],
    [12.5, 'percentTenths', '12.5%', '12.5%'],
    [-3, 'percentTenths', '-3.0%', '-3.0%'],
    [7408, 'share', '74.08%', '74.08%'],
    [12, 'integer', '12', '12'],
    ['2025-03-31', 'date', '31/03/2025', '2025-03-31'],
    ['—', 'percent', '—', '—'],
    [null, 'pence', '', ''],
  ])('show %j of type %s as %j for people and %j for spreadsheets', (value, type, display, plain) => {
    expect(displayCell(value, type)).toBe(display);
    expect(plainCell(value, type)).toBe(plain);
  });
});
