// Small builders for the Adaptive Card elements the bot uses, so every card has the same shape.
// Card text is Markdown; text from people (a note, a title, a name) is escaped here, so that
// "[click](https://…)" typed in a note shows as typed rather than as a link.
import { escapeMarkdown } from '@partnership-tracker/core';

/** An Adaptive Card element or action as JSON. */
export type CardElement = Record<string, unknown>;

/** The Adaptive Card version Teams renders. */
export const CARD_VERSION = '1.5';

/** A top-level Adaptive Card 1.5 with a body and optional actions, full width in Teams. */
export function adaptiveCard(body: CardElement[], actions: CardElement[] = []): Record<string, unknown> {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: CARD_VERSION,
    body,
    ...(actions.length > 0 ? { actions } : {}),
    msteams: { width: 'Full' },
  };
}

/**
 * A wrapped text block of plain text (escaped); `markdown` says `value` is Markdown already, with
 * any text from people in it escaped by the caller. `heading` makes it the card's title.
 */
export function text(
  value: string,
  options: { markdown?: boolean; heading?: boolean; subtle?: boolean; color?: 'good' | 'warning' | 'attention' | 'accent'; weight?: 'bolder'; separator?: boolean; spacing?: 'none' | 'small' | 'medium' | 'large' } = {},
): CardElement {
  return {
    type: 'TextBlock',
    text: options.markdown ? value : escapeMarkdown(value),
    wrap: true,
    ...(options.heading ? { style: 'heading', size: 'medium', weight: 'bolder' } : {}),
    ...(options.weight ? { weight: options.weight } : {}),
    ...(options.subtle ? { isSubtle: true } : {}),
    ...(options.color ? { color: options.color } : {}),
    ...(options.separator ? { separator: true } : {}),
    ...(options.spacing ? { spacing: options.spacing } : {}),
  };
}

/** Title/value pairs of plain text (escaped), shown as a two-column list. */
export function facts(pairs: ReadonlyArray<readonly [string, string]>): CardElement {
  return { type: 'FactSet', facts: pairs.map(([title, value]) => ({ title: escapeMarkdown(title), value: escapeMarkdown(value) })) };
}

/**
 * A button that sends `verb` and `data` (plus the card's inputs) to the bot: Action.Execute in
 * Teams (an `adaptiveCard/action` invoke), falling back to Action.Submit in older clients (a
 * message with `value`). Both carry `verb` in their data so one handler serves both.
 */
export function execute(title: string, verb: string, data: Record<string, unknown> = {}, style?: 'positive'): CardElement {
  const payload = { verb, ...data };
  return {
    type: 'Action.Execute',
    title,
    verb,
    data: payload,
    ...(style ? { style } : {}),
    fallback: { type: 'Action.Submit', title, data: payload },
  };
}

/** A simple table: a header row and data rows of plain text cells (escaped). */
export function table(header: readonly string[], rows: ReadonlyArray<readonly string[]>, options: { firstColumnWidth?: number } = {}): CardElement {
  const cell = (value: string, bold = false): CardElement => ({
    type: 'TableCell',
    items: [{ type: 'TextBlock', text: escapeMarkdown(value), wrap: true, ...(bold ? { weight: 'bolder' } : {}) }],
  });
  return {
    type: 'Table',
    firstRowAsHeader: true,
    showGridLines: true,
    columns: header.map((_, index) => ({ type: 'TableColumnDefinition', width: index === 0 ? (options.firstColumnWidth ?? 3) : 1 })),
    rows: [
      { type: 'TableRow', style: 'emphasis', cells: header.map((h) => cell(h, true)) },
      ...rows.map((row) => ({ type: 'TableRow', cells: row.map((value) => cell(value)) })),
    ],
  };
}
