import { describe, expect, it } from 'vitest';
import { narrativeBlocks, textRuns } from './narrative.js';

describe('narrativeBlocks', () => {
  it('reads headings, paragraphs over several lines, lists and quotes', () => {
    const blocks = narrativeBlocks(
      ['# Our young scrutineers', '', 'They joined QAG', 'in July 2024.', '', '- Ten meetings', '- Two reports', '', '1. First', '2. Second', '', '> It felt like we were heard.', '### Next year'].join('\n'),
    );
    expect(blocks).toEqual([
      { kind: 'heading', level: 1, runs: [{ text: 'Our young scrutineers' }] },
      { kind: 'paragraph', runs: [{ text: 'They joined QAG in July 2024.' }] },
      { kind: 'list', ordered: false, items: [[{ text: 'Ten meetings' }], [{ text: 'Two reports' }]] },
      { kind: 'list', ordered: true, items: [[{ text: 'First' }], [{ text: 'Second' }]] },
      { kind: 'quote', runs: [{ text: 'It felt like we were heard.' }] },
      { kind: 'heading', level: 2, runs: [{ text: 'Next year' }] },
    ]);
  });

  it('reads bold, italic and links, and leaves HTML and other addresses as the text typed', () => {
    expect(textRuns('**Bold** and *italic*, [the report](https://example.org/r.pdf) and <script>x</script> [x](javascript:alert(1))')).toEqual([
      { text: 'Bold', bold: true },
      { text: ' and ' },
      { text: 'italic', italic: true },
      { text: ', ' },
      { text: 'the report', href: 'https://example.org/r.pdf' },
      { text: ' and <script>x</script> [x](javascript:alert(1))' },
    ]);
  });

  it('keeps escaped markers as text and snake_case words whole', () => {
    expect(textRuns('2 \\* 3 and file_name_here')).toEqual([{ text: '2 * 3 and file_name_here' }]);
  });
});
