import type { Database, Store } from '@partnership-tracker/core';
import type { webApi } from '@slack/bolt';
import type { ProactiveSender, ProactiveTarget, SendOutcome } from '../app/proactive.js';
import type { Reply } from '../app/reply.js';
import { slackMessageOf } from './blocks/slackMessage.js';

/** Slack's answers that sending the same again will not change: the channel, the user or the message is the problem. */
const PERMANENT_ERRORS = new Set([
  'channel_not_found',
  'not_in_channel',
  'is_archived',
  'user_not_found',
  'user_disabled',
  'account_inactive',
  'cannot_dm_bot',
  'invalid_blocks',
  'invalid_blocks_format',
  'msg_too_long',
  'no_text',
  'invalid_auth',
  'not_authed',
  'token_revoked',
  'missing_scope',
  'restricted_action',
]);

// The Web API client's error codes (@slack/web-api's ErrorCode, whose enum it now deprecates).
const RATE_LIMITED = 'slack_webapi_rate_limited_error';
const PLATFORM_ERROR = 'slack_webapi_platform_error';

/** How a failed Web API call maps to the scheduler's retry decision (a 429 carries Slack's Retry-After). */
export function outcomeOfSlackError(error: unknown): SendOutcome {
  const record = (typeof error === 'object' && error !== null ? error : {}) as { code?: string; retryAfter?: number; data?: { error?: string }; message?: string };
  if (record.code === RATE_LIMITED) {
    const seconds = typeof record.retryAfter === 'number' && Number.isFinite(record.retryAfter) ? record.retryAfter : 1;
    return { ok: false, permanent: false, retryAfterMs: Math.max(0, seconds * 1000), error: `Slack rate limit: retry after ${seconds} s` };
  }
  if (record.code === PLATFORM_ERROR) {
    const code = record.data?.error ?? 'unknown_error';
    return { ok: false, permanent: PERMANENT_ERRORS.has(code), error: `Slack: ${code}` };
  }
  return { ok: false, permanent: false, error: record.message ?? String(error) };
}

/**
 * Sends the scheduler's messages through Slack: a person's to their DM with the bot
 * (chat.postMessage to their user id), a channel's to the channel bound with "post digests here".
 * The client must not retry 429s itself (`rejectRateLimitedCalls`), so that the scheduler's
 * pacing, which honours Retry-After, decides.
 */
export class SlackProactiveSender implements ProactiveSender {
  constructor(
    private readonly client: webApi.WebClient,
    private readonly store: Store,
  ) {}

  async send(target: ProactiveTarget, reply: Reply): Promise<SendOutcome> {
    let channel: string;
    if (target.kind === 'channel') {
      if (target.service !== 'slack') return { ok: false, permanent: true, error: `Channel ${target.conversationId} is on ${target.service}, which this sender does not post to.` };
      channel = target.conversationId;
    } else {
      const person = (await this.store.read()).people.find((p) => p.id === target.personId);
      if (!person?.slackUserId) return { ok: false, permanent: true, error: `Person ${target.personId} has no Slack user id.` };
      channel = person.slackUserId;
    }
    const message = slackMessageOf(reply);
    try {
      await this.client.chat.postMessage({ channel, text: message.text, blocks: message.blocks, unfurl_links: false });
      return { ok: true };
    } catch (error) {
      return outcomeOfSlackError(error);
    }
  }

  reachablePeople(db: Database): ReadonlySet<string> {
    return new Set(db.people.filter((p) => p.active && p.slackUserId !== null).map((p) => p.id));
  }
}
