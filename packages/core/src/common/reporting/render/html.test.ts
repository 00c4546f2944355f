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
