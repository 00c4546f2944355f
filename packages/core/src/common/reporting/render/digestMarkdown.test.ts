import { describe, expect, it } from 'vitest';
import { exampleDigest } from '../__fixtures__/exampleDigest.js';
import { renderDigestMarkdown } from './digestMarkdown.js';

describe('renderDigestMarkdown', () => {
  it('renders the digest as Markdown for e-mail, each table under a level-two heading', () => {
    expect(renderDigestMarkdown(exampleDigest('2024/25 Q4'), 'Europe/London')).toMatchSnapshot();
  });

  it('says so where a section has nothing in it', () => {
    const markdown = renderDigestMarkdown({ ...exampleDigest('2025/26 Q2'), completedThisQuarter: [] }, 'Europe/London');
    expect(markdown).toContain('## Completed this quarter\n\nNone this quarter.\n');
    expect(markdown).toContain('## Overdue at the quarter end\n\nNothing overdue.\n');
  });

  it('shows seat coverage for the year to date beside engagement, with what it means (issue 17)', () => {
    const markdown = renderDigestMarkdown(exampleDigest('2024/25 Q4'), 'Europe/London');
    expect(markdown).toContain('## Seat coverage 2024/25 Q1–Q4\n');
    expect(markdown.indexOf('## Seat coverage')).toBeGreaterThan(markdown.indexOf('## Engagement 2024/25 Q1–Q4'));
    expect(markdown).toContain('Seat coverage = seats filled ÷ seats expected');
    // Guests hold no seats.
    expect(markdown.slice(markdown.indexOf('## Seat coverage'), markdown.indexOf('## Below the engagement'))).not.toContain('| Guest |');
  });
});
