/** What the bot says, independent of the chat channel: text and/or one Adaptive Card, plus files or links. */
export interface Reply {
  text?: string;
  card?: Record<string, unknown>;
  attachments?: ReadonlyArray<{ name: string; contentType: string; contentUrl?: string; content?: unknown }>;
}
