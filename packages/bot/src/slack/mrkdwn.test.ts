import { escapeMarkdown } from '@partnership-tracker/core';
import { describe, expect, it } from 'vitest';
import { markdownToMrkdwn } from './mrkdwn.js';

describe('markdownToMrkdwn', () => {
  it.each([
    ['**my actions**: your open actions', '*my actions*: your open actions'],
    ['- one\n- two', '• one\n• two'],
    ['[Open the digest](https://bot.example/digest/2024-25-Q4.html?a=1&b=2)', '<https://bot.example/digest/2024-25-Q4.html?a=1&b=2|Open the digest>'],
    ['Costs & risks <b>', 'Costs &amp; risks &lt;b&gt;'],
    ['2 * 3 is 6, [not a link] and **no close', '2 * 3 is 6, [not a link] and **no close'],
    ['a\\<b\\*c*d [x](y) & **e <f>**', 'a&lt;b*c*d <y|x> &amp; *e &lt;f&gt;*'],
    ['', ''],
  ])('turns %j into %j', (markdown, expected) => {
    expect(markdownToMrkdwn(markdown)).toBe(expected);
  });

  it.each(['<!channel> & <@U0123>', '**not bold** _nor_ [a](link)', 'a \\ b', '<https://evil.example|Your bank>'])(
    'shows what a person typed (%j) as typed: no mention, link or bold can be forged',
    (typed) => {
      const shown = markdownToMrkdwn(`Note: "${escapeMarkdown(typed)}"`);
      expect(shown).not.toMatch(/<[^&]/);
      expect(shown.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')).toBe(`Note: "${typed}"`);
    },
  );
});
