import { describe, expect, it } from 'vitest';
import { sampleReport as report } from '../__fixtures__/sampleReport.js';
import { escapeMarkdown, writeMarkdown } from './markdown.js';

describe('writeMarkdown', () => {
  it('writes Markdown ready to paste, with money as people read it and the total in bold', () => {
    expect(writeMarkdown(report)).toMatchInlineSnapshot(`
      "# Income 2024/25

      | Source | Amount | Share | Attendance | Due |
      | --- | ---: | ---: | ---: | --- |
      | Croydon Council | £311,609 | 74.08% | 133% | 31/03/2025 |
      | Voluntary, community \\| "quoted" | £1,959.50 | 0.46% | — |  |
      | **Total** | **£313,568.50** | **74.54%** |  |  |

      — = not a member.
      "
    `);
  });

  it('shows text from users as typed: no links, images, HTML or emphasis', () => {
    const notes = ['[click](https://evil.example)', '![x](https://evil.example/t.gif)', '<img src=x onerror=alert(1)>', '**shout** _and_ `code` ~~gone~~', 'a | b \\ c'];
    const markdown = writeMarkdown({ title: 'Notes [1]', tables: [{ title: 'Notes [1]', columns: [{ key: 'note', header: 'Note', type: 'text' }], rows: notes.map((note) => ({ note })) }] });
    expect(markdown).toMatchInlineSnapshot(`
      "# Notes \\[1\\]

      | Note |
      | --- |
      | \\[click\\](https://evil.example) |
      | !\\[x\\](https://evil.example/t.gif) |
      | \\<img src=x onerror=alert(1)\\> |
      | \\*\\*shout\\*\\* \\_and\\_ \\\`code\\\` \\~\\~gone\\~\\~ |
      | a \\| b \\\\ c |
      "
    `);
  });

  it('escapes every character CommonMark would read as markup, and nothing else', () => {
    expect(escapeMarkdown('Croydon Council: Housing & Health (2024/25) — 74.08% #1')).toBe('Croydon Council: Housing & Health (2024/25) — 74.08% #1');
    expect(escapeMarkdown('[a](b) <c> *d* _e_ `f` ~g~ | \\')).toBe('\\[a\\](b) \\<c\\> \\*d\\* \\_e\\_ \\`f\\` \\~g\\~ \\| \\\\');
  });
});
