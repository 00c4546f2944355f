import { renderMessage, type Database, type ScheduledMessage } from '@partnership-tracker/core';
import type { Reply } from '../app/reply.js';

/** Turns a scheduled message into what the bot says; injectable so the server can use its richer views (e.g. the digest). */
export type ComposeReply = (db: Database, message: ScheduledMessage, now: string) => Reply;

/** The default reply for a scheduled message: core's text, and its summary as a view the channel draws (a card, blocks). */
export const composeReply: ComposeReply = (db, message, now) => {
  const rendered = renderMessage(db, message, now);
  const actionRefs =
    message.kind === 'action-reminder' ? [message.data.actionRef] : message.kind === 'please-update' ? [...message.data.actionRefs] : [];
  return { text: rendered.text, view: { kind: 'scheduled', summary: rendered.summary, actionRefs } };
};
