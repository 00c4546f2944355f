import { describe, expect, it } from 'vitest';
import { barChart } from './barChart.js';

describe('barChart', () => {
  it('scales bars to 100%, or to the largest value when attendance is over 100%', () => {
    const svg = barChart('Attendance', [
      { label: 'Police', value: 150 },
      { label: 'Health', value: 75 },
      { label: 'Guest', value: null },
    ]);
    expect(svg.match(/width="(\d+)" height="16"/g)).toEqual(['width="320" height="16"', 'width="160" height="16"']);
    expect(svg).toContain('>n/a</text>');
  });

  it('escapes labels', () => {
    expect(barChart('A & B', [{ label: '<Council>', value: 10 }])).toContain('&lt;Council&gt;');
  });
});
