// Slack's mrkdwn is not Markdown: *bold*, _italic_, <url|label> links, and `&`, `<`, `>` as the
// only characters it escapes (as HTML entities). Replies are written in CommonMark with people's
// text backslash-escaped (core's escapeMarkdown), so the backslashes say which characters came
// from a person and must stay literal.

/** Escapes the three characters Slack's mrkdwn reads as markup: `&`, `<` and `>`. */
export function escapeMrkdwn(text: string): string {
  return MRKDWN_SPECIAL.test(text) ? text.replace(MRKDWN_SPECIALS, (character) => MRKDWN_ENTITIES[character as '&' | '<' | '>']) : text;
}

const MRKDWN_SPECIAL = /[&<>]/;
const MRKDWN_SPECIALS = /[&<>]/g;
const MRKDWN_ENTITIES = { '&': '&amp;', '<': '&lt;', '>': '&gt;' } as const;

/** A link in mrkdwn; the label's `|` would end the address, so it becomes a lookalike. */
export function mrkdwnLink(url: string, label: string): string {
  return `<${url.replace(/[<>|]/g, encodeURIComponent)}|${escapeMrkdwn(label).replace(/\|/g, '¦')}>`;
}

/**
 * Turns a reply's Markdown into mrkdwn: `**bold**` becomes `*bold*`, `[label](url)` a Slack
 * link, a `- ` list item a bullet, a backslash-escaped character itself, and `&`, `<`, `>`
 * entities, so that nothing a person typed can mention @channel or forge a link.
 */
export function markdownToMrkdwn(markdown: string): string {
  return markdown
    .split('\n')
    .map((line) => {
      const item = /^(\s*)[-*] (.*)$/.exec(line);
      return item ? `${item[1]}• ${inline(item[2]!)}` : inline(line);
    })
    .join('\n');
}

function inline(text: string): string {
  let out = '';
  let index = 0;
  while (index < text.length) {
    const character = text[index]!;
    if (character === '\\' && index + 1 < text.length && /[\\`*_[\]<>|~#+\-.!(){}]/.test(text[index + 1]!)) {
      out += escapeMrkdwn(text[index + 1]!);
      index += 2;
      continue;
    }
    if (text.startsWith('**', index)) {
      const end = findUnescaped(text, '**', index + 2);
      if (end > index + 2) {
        out += `*${inline(text.slice(index + 2, end))}*`;
        index = end + 2;
        continue;
      }
    }
    if (character === '[') {
      const close = findUnescaped(text, '](', index + 1);
      const end = close < 0 ? -1 : text.indexOf(')', close + 2);
      if (close > index && end > close) {
        out += mrkdwnLink(text.slice(close + 2, end), plain(text.slice(index + 1, close)));
        index = end + 1;
        continue;
      }
    }
    // Plain text up to the next character that could start an escape, bold or a link goes in one
    // piece: every reply and confirmation passes through here, and a piece per character made
    // most of the garbage a modal submission left behind (docs/performance.md).
    const next = nextMarkup(text, index + 1);
    out += escapeMrkdwn(text.slice(index, next));
    index = next;
  }
  return out;
}

/** Where the next `\\`, `*` or `[` is at or after `from`, or the text's end. */
function nextMarkup(text: string, from: number): number {
  for (let index = from; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === BACKSLASH || code === ASTERISK || code === OPEN_BRACKET) return index;
  }
  return text.length;
}

const BACKSLASH = 0x5c;
const ASTERISK = 0x2a;
const OPEN_BRACKET = 0x5b;

/** A label's text with its Markdown escapes undone (a link label shows no formatting). */
function plain(text: string): string {
  return text.replace(/\\(.)/g, '$1').replace(/\*\*/g, '');
}

function findUnescaped(text: string, needle: string, from: number): number {
  for (let index = from; index <= text.length - needle.length; index++) {
    if (text[index] === '\\') {
      index += 1;
      continue;
    }
    if (text.startsWith(needle, index)) return index;
  }
  return -1;
}
