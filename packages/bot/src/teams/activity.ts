import { ActivityTypes, CardFactory, type Activity, type Attachment } from 'botbuilder';
import type { Reply } from '../app/reply.js';
import { teamsMessageOf } from './cards/teamsMessage.js';

/** Turns a channel-neutral Reply into a Teams message activity: markdown text, the card, then any files or links. */
export function activityOf(reply: Reply): Partial<Activity> {
  const message = teamsMessageOf(reply);
  const attachments: Attachment[] = [];
  if (message.card) attachments.push(CardFactory.adaptiveCard(message.card));
  for (const a of message.attachments ?? []) {
    attachments.push({ name: a.name, contentType: a.contentType, ...(a.contentUrl ? { contentUrl: a.contentUrl } : {}), ...(a.content !== undefined ? { content: a.content } : {}) });
  }
  return {
    type: ActivityTypes.Message,
    ...(message.text ? { text: message.text, textFormat: 'markdown' } : {}),
    ...(attachments.length > 0 ? { attachments } : {}),
  };
}

/**
 * One Adaptive Card saying everything in a Reply, for places that take a single card (the
 * answer to an `adaptiveCard/action` invoke replaces the card that was clicked).
 */
export function cardOf(reply: Reply): Record<string, unknown> {
  const message = teamsMessageOf(reply);
  const lead = message.text ? [{ type: 'TextBlock', text: message.text, wrap: true }] : [];
  if (!message.card) return { type: 'AdaptiveCard', version: '1.5', body: lead };
  const body = Array.isArray(message.card.body) ? (message.card.body as unknown[]) : [];
  return { ...message.card, body: [...lead, ...body] };
}
