import { parsePeriod, quarterlyDigest, unwrap, type Period } from '@partnership-tracker/core';
import { describe, expect, it } from 'vitest';
import { importExamples } from '../__fixtures__/examples.js';
import { barChart } from './barChart.js';
import { renderDigest } from './index.js';

// Imported on 20 September 2025: after the 2025/26 Q2 meetings, before that quarter ends.
const { db } = importExamples('2025-09-20T09:00:00Z');

function digestOf(quarter: string, now = '2025-10-01T09:00:00Z') {
  return unwrap(quarterlyDigest(db, { quarter: unwrap(parsePeriod(quarter)) as Period, now }));
}

describe('renderDigest', () => {
  it('renders the digest as Markdown for e-mail', () => {
    expect(renderDigest(digestOf('2025/26 Q2'), 'md', 'Europe/London')).toMatchSnapshot();
  });

  it('renders JSON that is the data object itself', () => {
    const digest = digestOf('2025/26 Q2');
    expect(JSON.parse(renderDigest(digest, 'json', 'Europe/London'))).toEqual(digest);
  });

  it('renders a self-contained HTML page: no scripts, no external files, two charts', () => {
    const html = renderDigest(digestOf('2025/26 Q2'), 'html', 'Europe/London');
    expect(html).not.toMatch(/<script|<link|src=|@import|url\(/);
    expect(html.match(/<svg /g)).toHaveLength(2);
    expect(html).toContain('aria-label="Business plan delivery by priority (% of actions complete)"');
  });
});

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
