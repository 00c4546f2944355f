import type { Store } from '@partnership-tracker/core';
import type { TeamsAdapter } from '@microsoft/teams-ai';
import type { Activity, ConversationParameters, ConversationReference } from 'botbuilder';
import type { ProactiveSender, ProactiveTarget, SendOutcome } from '../app/proactive.js';
import type { Reply } from '../app/reply.js';
import { activityOf } from './activity.js';

/** The OAuth scope of the public Bot Framework cloud: the audience of outgoing proactive calls. */
const BOT_FRAMEWORK_AUDIENCE = 'https://api.botframework.com';

/** How a failed call to the Bot Connector maps to the scheduler's retry decision. */
export function outcomeOfError(error: unknown): SendOutcome {
  const record = (typeof error === 'object' && error !== null ? error : {}) as {
    statusCode?: number;
    message?: string;
    response?: { headers?: { get?: (name: string) => string | undefined } | Record<string, string> };
  };
  const status = record.statusCode;
  const message = `${status ? `HTTP ${status}: ` : ''}${record.message ?? String(error)}`;
  if (status === 429) {
    const headers = record.response?.headers;
    const raw = typeof headers?.get === 'function' ? headers.get('retry-after') : (headers as Record<string, string> | undefined)?.['retry-after'];
    const seconds = raw === undefined ? NaN : Number(raw);
    const dateMs = raw === undefined ? NaN : Date.parse(raw) - Date.now();
    const retryAfterMs = Number.isFinite(seconds) ? Math.max(0, seconds * 1000) : Number.isFinite(dateMs) ? Math.max(0, dateMs) : undefined;
    return { ok: false, permanent: false, error: message, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) };
  }
  // The bot was removed, the user left or blocked it, or the message is over Teams' size limit
  // (413 MessageSizeTooBig): sending the same again will not help.
  const permanent = status === 400 || status === 401 || status === 403 || status === 404 || status === 413;
  return { ok: false, permanent, error: message };
}

/**
 * Sends the scheduler's messages through Teams with the references saved in the store: a
 * person's personal chat continues that conversation; a channel gets a new post (a new
 * conversation in the channel), never a reply in an old thread.
 */
export class TeamsProactiveSender implements ProactiveSender {
  constructor(
    private readonly adapter: TeamsAdapter,
    private readonly store: Store,
    private readonly botAppId: string,
  ) {}

  async send(target: ProactiveTarget, reply: Reply): Promise<SendOutcome> {
    if (target.kind === 'channel' && target.service !== 'teams') {
      return { ok: false, permanent: true, error: `Channel ${target.conversationId} is on ${target.service}, which this server does not post to.` };
    }
    const db = await this.store.read();
    const saved =
      target.kind === 'person'
        ? db.conversations.find((c) => c.channel === 'teams' && c.scope === 'personal' && c.personId === target.personId)
        : db.conversations.find((c) => c.channel === 'teams' && c.scope === 'channel' && c.conversationId === target.conversationId);
    if (!saved) {
      const who = target.kind === 'person' ? `person ${target.personId} (they have not installed the app or written to the bot yet)` : `channel ${target.conversationId} (the bot has not been added to it)`;
      return { ok: false, permanent: true, error: `No saved Teams conversation for ${who}.` };
    }
    const reference = saved.reference as Partial<ConversationReference>;
    try {
      if (target.kind === 'person') {
        // The adapter's turn-error handler would swallow a failed send, so catch it in the turn.
        let failure: { error: unknown } | undefined;
        await this.adapter.continueConversationAsync(this.botAppId, reference, async (context) => {
          try {
            await context.sendActivity(activityOf(reply));
          } catch (error) {
            failure = { error };
          }
        });
        if (failure) return outcomeOfError(failure.error);
      } else {
        const tenantId = (reference.conversation as { tenantId?: string } | undefined)?.tenantId;
        const parameters = {
          isGroup: true,
          bot: reference.bot,
          channelData: { channel: { id: target.conversationId }, ...(tenantId ? { tenant: { id: tenantId } } : {}) },
          activity: activityOf(reply) as Activity,
          ...(tenantId ? { tenantId } : {}),
        } as ConversationParameters;
        await this.adapter.createConversationAsync(this.botAppId, 'msteams', reference.serviceUrl ?? '', BOT_FRAMEWORK_AUDIENCE, parameters, async () => {});
      }
      return { ok: true };
    } catch (error) {
      return outcomeOfError(error);
    }
  }
}
