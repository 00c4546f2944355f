import { describe, expect, it } from 'vitest';
import { exampleDigest } from '../__fixtures__/exampleDigest.js';
import { renderDigestHtml } from './digestHtml.js';

describe('renderDigestHtml', () => {
  const digest = exampleDigest('2024/25 Q4');

  it('renders a self-contained page: no scripts, no external files, two charts', () => {
    const html = renderDigestHtml(digest, 'Europe/London');
    expect(html).not.toMatch(/<script|<link|src=|@import|url\(/);
    expect(html.match(/<svg /g)).toHaveLength(2);
    expect(html).toContain('aria-label="Business plan delivery by priority (% of actions complete)"');
    expect(html).toContain('<title>Quarterly digest 2024/25 Q4</title>');
  });

  it('escapes names that look like markup', () => {
    const html = renderDigestHtml({ ...digest, partnership: 'Croydon <SCP> & "friends"' }, 'Europe/London');
    expect(html).toContain('<p>Croydon &lt;SCP&gt; &amp; &quot;friends&quot; · ');
    expect(html).not.toContain('<SCP>');
  });

  it('says so where a section has nothing in it', () => {
    const html = renderDigestHtml({ ...digest, overdue: [], deliveryByPriority: [] }, 'Europe/London');
    expect(html).toContain('<h2>Overdue at the quarter end</h2>\n<p>Nothing overdue.</p>');
    expect(html).toContain('<h2>Delivery by priority</h2>\n<p>No priorities.</p>');
    expect(html.match(/<svg /g)).toHaveLength(1);
  });
});
