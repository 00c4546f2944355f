import { describe, expect, it } from 'vitest';
import { sampleReport as report } from '../__fixtures__/sampleReport.js';
import { writeHtml } from './html.js';

describe('writeHtml', () => {
  it('writes an HTML page with a caption, header and totals footer, escaping text', () => {
    const html = writeHtml(report);
    expect(html).toContain('<caption>Income 2024/25</caption>');
    expect(html).toContain('<td>Voluntary, community | &quot;quoted&quot;</td><td class="number">£1,959.50</td>');
    expect(html).toContain('<tfoot><tr><th>Total</th><th class="number">£313,568.50</th>');
  });
});

describe('references in HTML tables', () => {
  it('keeps a reference such as A-16 whole, never wrapping at its hyphen', () => {
    const html = writeHtml({
      title: 'Actions',
      tables: [{ title: 'Actions', columns: [{ key: 'ref', header: 'Ref', type: 'reference' }, { key: 'title', header: 'Action', type: 'text' }], rows: [{ ref: 'A-16', title: 'Audit early-help referrals' }] }],
    });
    expect(html).toContain('<td class="reference">A-16</td><td>Audit early-help referrals</td>');
    expect(html).toMatch(/\.reference\{[^}]*white-space:nowrap/);
  });
});
