import type { View } from './views.js';

/**
 * What the bot says, independent of the chat channel: Markdown text (CommonMark, with text from
 * people backslash-escaped by `escapeMarkdown`) and/or a view to show, plus files or links.
 */
export interface Reply {
  text?: string;
  view?: View;
  attachments?: ReadonlyArray<{ name: string; contentType: string; contentUrl?: string; content?: unknown }>;
}
