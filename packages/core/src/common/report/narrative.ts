/**
 * A run of text within a narrative paragraph: plain, bold or italic, or a link. Only these are
 * read from the business team's Markdown; anything else (HTML, images) stays the text it was
 * typed as, so a narrative file can never put markup or scripts into the published report.
 */
export interface TextRun {
  readonly text: string;
  readonly bold?: true;
  readonly italic?: true;
  /** An http(s) or mailto address. */
  readonly href?: string;
}

/** A block of a narrative section, as every format prints it. */
export type NarrativeBlock =
  /** A heading within the section: level 1 is the section's first sub-level. */
  | { readonly kind: 'heading'; readonly level: 1 | 2; readonly runs: readonly TextRun[] }
  | { readonly kind: 'paragraph'; readonly runs: readonly TextRun[] }
  | { readonly kind: 'list'; readonly ordered: boolean; readonly items: ReadonlyArray<readonly TextRun[]> }
  | { readonly kind: 'quote'; readonly runs: readonly TextRun[] };

const BULLET = /^\s*[-*+]\s+(.*)$/;
const NUMBERED = /^\s*\d{1,3}[.)]\s+(.*)$/;
const HEADING = /^\s*(#{1,6})\s+(.*?)\s*#*\s*$/;
const QUOTE = /^\s*>\s?(.*)$/;

/**
 * Reads the Markdown a business team writes for a narrative section: headings (`#`, `##`; the
 * section's own title is the report's), paragraphs, bulleted and numbered lists, quotes, and
 * within them `**bold**`, `*italic*` and `[links](https://…)`.
 */
export function narrativeBlocks(markdown: string): NarrativeBlock[] {
  const blocks: NarrativeBlock[] = [];
  let paragraph: string[] = [];
  let list: { ordered: boolean; items: string[] } | null = null;
  let quote: string[] = [];
  const flush = () => {
    if (paragraph.length > 0) blocks.push({ kind: 'paragraph', runs: textRuns(paragraph.join(' ')) });
    if (list) blocks.push({ kind: 'list', ordered: list.ordered, items: list.items.map(textRuns) });
    if (quote.length > 0) blocks.push({ kind: 'quote', runs: textRuns(quote.join(' ')) });
    paragraph = [];
    list = null;
    quote = [];
  };
  for (const raw of markdown.replace(/^\uFEFF/, '').split(/\r?\n/)) {
    const line = raw.trimEnd();
    if (line.trim() === '') {
      flush();
      continue;
    }
    const heading = HEADING.exec(line);
    const bullet = BULLET.exec(line);
    const numbered = NUMBERED.exec(line);
    const quoted = QUOTE.exec(line);
    if (heading) {
      flush();
      blocks.push({ kind: 'heading', level: heading[1]!.length <= 2 ? 1 : 2, runs: textRuns(heading[2]!) });
    } else if (bullet || numbered) {
      const ordered = numbered !== null && bullet === null;
      if (paragraph.length > 0 || quote.length > 0 || (list && list.ordered !== ordered)) flush();
      list ??= { ordered, items: [] };
      list.items.push((bullet ?? numbered)![1]!);
    } else if (quoted) {
      if (paragraph.length > 0 || list) flush();
      quote.push(quoted[1]!);
    } else if (list && /^\s{2,}/.test(raw)) {
      // An indented line continues the list item above it.
      list.items[list.items.length - 1] += ` ${line.trim()}`;
    } else {
      if (list || quote.length > 0) flush();
      paragraph.push(line.trim());
    }
  }
  flush();
  return blocks;
}

const INLINE = /\*\*(.+?)\*\*|__(.+?)__|\*(?!\s)(.+?)\*|(?<![\w])_(?!\s)(.+?)_(?![\w])|\[([^\]]+)\]\(((?:https?:\/\/|mailto:)[^\s)]+)\)/g;

/** The runs of one line of text: bold, italic and links found, the rest plain; backslash escapes honoured. */
export function textRuns(text: string): TextRun[] {
  const runs: TextRun[] = [];
  const plain = (value: string) => {
    const unescaped = value.replace(/\\([\\`*_[\]<>|~#>-])/g, '$1');
    if (unescaped !== '') runs.push({ text: unescaped });
  };
  let last = 0;
  for (const match of text.matchAll(INLINE)) {
    // An escaped marker (\*) is text, not emphasis.
    if (match.index > 0 && text[match.index - 1] === '\\') continue;
    plain(text.slice(last, match.index));
    const [, bold1, bold2, italic1, italic2, linkText, href] = match;
    if (bold1 ?? bold2) runs.push({ text: (bold1 ?? bold2)!, bold: true });
    else if (italic1 ?? italic2) runs.push({ text: (italic1 ?? italic2)!, italic: true });
    else runs.push({ text: linkText!, href: href! });
    last = match.index + match[0].length;
  }
  plain(text.slice(last));
  return runs;
}

/** A narrative's text without formatting, e.g. for a search or a test. */
export function plainText(runs: readonly TextRun[]): string {
  return runs.map((r) => r.text).join('');
}
