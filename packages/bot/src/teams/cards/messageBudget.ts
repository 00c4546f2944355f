/** What goes into one Teams message: Markdown text, an Adaptive Card, and any files or links. */
export interface TeamsMessage {
  readonly text?: string;
  readonly card?: Record<string, unknown>;
  readonly attachments?: ReadonlyArray<{ name: string; contentType: string; contentUrl?: string; content?: unknown }>;
}

/**
 * How much text and card JSON one reply may carry. Teams refuses a bot message over about 100 KB
 * counted as UTF-16 (413 MessageSizeTooBig) and Microsoft advises staying within 80 KB. A
 * JavaScript string's length is its length in UTF-16 code units, so 40,000 of them is those 80 KB;
 * 2,000 are left for what botbuilder adds around the reply (addresses, ids, content types).
 */
export const MESSAGE_BUDGET = 38_000;

/** A reply's size as Teams counts it, in UTF-16 code units: its text, card and attachments as JSON. */
export function replySize(reply: TeamsMessage): number {
  return (reply.text ?? '').length + (reply.card ? JSON.stringify(reply.card).length : 0) + (reply.attachments ? JSON.stringify(reply.attachments).length : 0);
}

/** The first of `choices` (fullest first) at which `build`'s reply fits in a Teams message; undefined if none does. */
export function firstThatFits<T>(choices: readonly T[], build: (choice: T) => TeamsMessage, budget = MESSAGE_BUDGET): T | undefined {
  return choices.find((choice) => replySize(build(choice)) <= budget);
}
