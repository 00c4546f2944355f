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
});
