// Block Kit's building blocks as plain objects, with Slack's limits in one place. The renderers
// step their layout down to stay inside these; `clip` is only the last guard against a limit that
// a person's unusually long text would still break (Slack refuses the whole message then).
import { escapeMrkdwn } from '../mrkdwn.js';

/** A Block Kit block, as sent to Slack. */
export type Block = { readonly type: string; readonly [key: string]: unknown };

/** Slack's limits on the blocks we send (docs.slack.dev, "Block Kit" reference pages). */
export const SLACK_LIMITS = {
  messageBlocks: 50,
  /** A message's text is cut at 40,000 characters; we hold its blocks' texts together to the same. */
  messageChars: 40_000,
  /** A modal's or the Home tab's blocks. */
  surfaceBlocks: 100,
  sectionText: 3000,
  fieldText: 2000,
  fields: 10,
  headerText: 150,
  buttonText: 75,
  actionValue: 2000,
  actionsElements: 25,
  contextElements: 10,
  selectOptions: 100,
  optionText: 75,
  inputLabel: 2000,
  modalTitle: 24,
  modalButton: 24,
  privateMetadata: 3000,
  blockId: 255,
  actionId: 255,
} as const;

/** Cuts text to `max` characters, ending with an ellipsis when cut. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

export const mrkdwn = (text: string, max: number = SLACK_LIMITS.sectionText) => ({ type: 'mrkdwn', text: clip(text, max) });
export const plainText = (text: string, max: number) => ({ type: 'plain_text', text: clip(text, max), emoji: false });

export const header = (text: string): Block => ({ type: 'header', text: plainText(text, SLACK_LIMITS.headerText) });
export const section = (text: string, extra: Record<string, unknown> = {}): Block => ({ type: 'section', text: mrkdwn(text), ...extra });
export const fieldsSection = (fields: readonly string[]): Block => ({
  type: 'section',
  fields: fields.slice(0, SLACK_LIMITS.fields).map((f) => mrkdwn(f, SLACK_LIMITS.fieldText)),
});
export const context = (text: string): Block => ({ type: 'context', elements: [mrkdwn(text)] });
export const divider = (): Block => ({ type: 'divider' });
export const actions = (elements: readonly Record<string, unknown>[], blockId?: string): Block => ({
  type: 'actions',
  ...(blockId ? { block_id: clip(blockId, SLACK_LIMITS.blockId) } : {}),
  elements: elements.slice(0, SLACK_LIMITS.actionsElements),
});

/** A button that comes back to the bot as a block action with `actionId` and `value`. */
export const button = (text: string, actionId: string, value: string, style?: 'primary' | 'danger'): Record<string, unknown> => ({
  type: 'button',
  text: plainText(text, SLACK_LIMITS.buttonText),
  action_id: actionId,
  value: clip(value, SLACK_LIMITS.actionValue),
  ...(style ? { style } : {}),
});

/** A button that opens a web page (Slack still sends the bot an action, which it acknowledges). */
export const linkButton = (text: string, url: string, actionId: string): Record<string, unknown> => ({
  type: 'button',
  text: plainText(text, SLACK_LIMITS.buttonText),
  action_id: actionId,
  url,
});

/**
 * A table as monospaced text in a code block: Block Kit has no table that every client draws.
 * Cells are escaped (a code block still reads `&`, `<`, `>` as entities).
 */
export function preformatted(rows: readonly (readonly string[])[], rightAligned: readonly number[] = []): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, index) => (widths[index] = Math.max(widths[index] ?? 0, [...cell].length)));
  const lines = rows.map((row) =>
    row
      .map((cell, index) => {
        const pad = ' '.repeat((widths[index] ?? 0) - [...cell].length);
        return rightAligned.includes(index) ? pad + cell : cell + pad;
      })
      .join('  ')
      .trimEnd(),
  );
  return `\`\`\`${escapeMrkdwn(lines.join('\n'))}\`\`\``;
}

/** Whether a list of message blocks is within Slack's limits (the count, and every text's length). */
export function fitsMessage(blocks: readonly Block[], maxBlocks: number = SLACK_LIMITS.messageBlocks): boolean {
  if (blocks.length > maxBlocks) return false;
  // The helpers clip every text; a section's text at exactly the limit was cut, so it did not fit.
  let total = 0;
  for (const block of blocks) {
    const text = (block.text as { text?: string } | undefined)?.text;
    if (text === undefined) continue;
    if (text.length >= SLACK_LIMITS.sectionText) return false;
    total += text.length;
  }
  return total <= SLACK_LIMITS.messageChars;
}
