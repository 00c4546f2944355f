import { ActivityTypes, CardFactory, type Activity, type Attachment } from 'botbuilder';
import type { Reply } from '../app/reply.js';

/** Turns a channel-neutral Reply into a Teams message activity: markdown text, the card, then any files or links. */
export function activityOf(reply: Reply): Partial<Activity> {
  const attachments: Attachment[] = [];
  if (reply.card) attachments.push(CardFactory.adaptiveCard(reply.card));
  for (const a of reply.attachments ?? []) {
    attachments.push({ name: a.name, contentType: a.contentType, ...(a.contentUrl ? { contentUrl: a.contentUrl } : {}), ...(a.content !== undefined ? { content: a.content } : {}) });
  }
  return {
    type: ActivityTypes.Message,
    ...(reply.text ? { text: reply.text, textFormat: 'markdown' } : {}),
    ...(attachments.length > 0 ? { attachments } : {}),
  };
}

/**
 * One Adaptive Card saying everything in a Reply, for places that take a single card (the
 * answer to an `adaptiveCard/action` invoke replaces the card that was clicked).
 */
export function cardOf(reply: Reply): Record<string, unknown> {
  const lead = reply.text ? [{ type: 'TextBlock', text: reply.text, wrap: true }] : [];
  if (!reply.card) return { type: 'AdaptiveCard', version: '1.5', body: lead };
  const body = Array.isArray(reply.card.body) ? (reply.card.body as unknown[]) : [];
  return { ...reply.card, body: [...lead, ...body] };
}
