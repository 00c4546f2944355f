import { describe, expect, it } from 'vitest';
import { sampleReport as report } from '../__fixtures__/sampleReport.js';
import { writeMarkdown } from './markdown.js';

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
});
