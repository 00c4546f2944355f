import { parsePeriod, quarterlyDigest, unwrap, type Period } from '@partnership-tracker/core';
import { describe, expect, it } from 'vitest';
import { importExamples } from '../__fixtures__/examples.js';
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
});
