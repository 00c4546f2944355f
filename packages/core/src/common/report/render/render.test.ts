import { describe, expect, it } from 'vitest';
import { parsePeriod, type Period } from '../../base/dates.js';
import { unwrap } from '../../base/result.js';
import { examplePartnership } from '../../example/index.js';
import { annualReport } from '../sections.js';
import { renderReportHtml } from './reportHtml.js';
import { renderReportMarkdown } from './reportMarkdown.js';

const period = unwrap(parsePeriod('2024/25')) as Period & { kind: 'year' };
const report = annualReport(examplePartnership(), { period, now: '2026-11-20T09:00:00Z', narratives: { scrutineer: 'A <b>strong</b> year, **well** evidenced.' } });
// A year the example recorded nothing for: every data section is a marked placeholder.
const early = annualReport(examplePartnership(), { period: unwrap(parsePeriod('2018/19')) as Period & { kind: 'year' }, now: '2026-11-20T09:00:00Z' });

describe('the HTML report', () => {
  const html = renderReportHtml(report);

  it('is one page with no scripts or external files, each section starting a printed page', () => {
    expect(html).not.toMatch(/<script|<link|src=|url\(/i);
    expect(html).toContain('section.report-section{break-before:page}');
    expect(html).toContain('thead{display:table-header-group}');
    expect(html.match(/<section id="[a-z-]+" class="report-section"/g)).toHaveLength(15);
  });

  it('gives every table a caption and header scopes, and the first cell of each row as its header', () => {
    expect(html).toContain('<caption>Income 2024/25</caption>\n<thead><tr><th scope="col">Source</th><th scope="col" class="number">Amount</th><th scope="col" class="number">Share</th></tr></thead>');
    expect(html).toContain('<tr><th scope="row">Croydon Council</th><td class="number">£311,609</td><td class="number">74.09%</td></tr>');
    expect(html.match(/<table>/g)!.length).toBe(html.match(/<caption>/g)!.length);
  });

  it('draws each chart as inline SVG named by its title and described by every bar', () => {
    expect(html).toContain('<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="delivery-chart-3-title delivery-chart-3-desc"');
    expect(html).toContain(
      '<desc id="delivery-chart-3-desc">Delivery of CSCP Business Plan 2024/25 by priority (% of actions complete): Family resilience 92%; Early intervention 89%; Neglect 80%; Serious youth violence 82%; System learning 88%.</desc>',
    );
  });

  it('prints narrative Markdown as text, never as markup', () => {
    expect(html).toContain('<p>A &lt;b&gt;strong&lt;/b&gt; year, <strong>well</strong> evidenced.</p>');
  });

  it('marks placeholders and lists what is missing', () => {
    expect(html).toContain('<div class="placeholder"><strong>Still to be written</strong>The area profile');
    expect(renderReportHtml(early)).toContain('<li>Impact of the Executive’s actions: no data recorded yet.</li>');
  });
});

describe('the Markdown report', () => {
  const md = renderReportMarkdown(report);

  it('has a heading per section and the tables as pipe tables', () => {
    expect(md.match(/^## \d+\. /gm)).toHaveLength(15);
    expect(md).toContain('| Croydon Council | £311,609 | 74.09% |');
    expect(md).toContain('| **Overall** | **43** | **50** | **86%** |');
  });

  it('keeps the narrative, escaping what Markdown would read as markup', () => {
    expect(md).toContain('## 14. The independent scrutineer\'s reflections\n\nA \\<b\\>strong\\</b\\> year, **well** evidenced.');
    expect(renderReportMarkdown(early)).toContain('> **No data yet:** No training is recorded for 2018/19 (ptrack import training-bookings, elearning).');
  });
});
