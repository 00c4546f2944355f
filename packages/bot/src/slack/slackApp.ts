import { chatEventKey, localDateOf, type Clock, type Database, type Store } from '@partnership-tracker/core';
import {
  App,
  AuthorizationError,
  ExpressReceiver,
  LogLevel,
  webApi,
  type AllMiddlewareArgs,
  type AuthorizeResult,
  type BlockButtonAction,
  type Logger,
  type SlackActionMiddlewareArgs,
  type SlackViewMiddlewareArgs,
  type ViewSubmitAction,
} from '@slack/bolt';
import type { Application, NextFunction, Request, Response } from 'express';
import type { Conversation } from '../app/conversation.js';
import { UNEXPECTED_ERROR_TEXT } from '../app/errors.js';
import { RECORD_ATTENDANCE_VERB, registerInputIds, UPDATE_ACTION_VERB, updateInputIds } from '../app/forms.js';
import type { ChatPlace } from '../app/identity.js';
import type { Reply } from '../app/reply.js';
import type { SlackConfig } from '../config.js';
import { section } from './blocks/elements.js';
import { createHomeView } from './blocks/homeBlocks.js';
import { INPUT_ACTION, REGISTER_BUTTON, REGISTER_MODAL, SNOOZE_BUTTON, SNOOZE_BUTTON_SPAN, UPDATE_BUTTON, UPDATE_MODAL } from './blocks/interactive.js';
import { BY_STATUS_BLOCKS, createRegisterModal, registerDataOf } from './blocks/registerModal.js';
import { OPEN_DIGEST_ACTION } from './blocks/reportBlocks.js';
import { slackMessageOf } from './blocks/slackMessage.js';
import { createUpdateModal, UPDATE_BLOCKS } from './blocks/updateModal.js';
import { combinedMessages, ConfirmationQueue } from './confirmations.js';
import { HomeRefresher } from './homeRefresh.js';
import { timerDelay, type Delay } from './keyedCoalescer.js';
import { escapeMrkdwn } from './mrkdwn.js';
import { OneAtATime } from './oneAtATime.js';
import { createSlackFetch } from './slackFetch.js';
import { slackSender, SLACK_UNKNOWN_SENDER_TEXT } from './slackIdentity.js';

/** The one Request URL of the Slack app: events, interactivity and the slash command. */
export const SLACK_EVENTS_PATH = '/slack/events';

/** The events the app listens to (a message only in a direct message with it: message.im in the manifest). */
export const SLACK_HANDLED_EVENTS = ['app_mention', 'message', 'app_home_opened'] as const;

/** The slash command the app registers (docs/slack.md, the manifest). */
export const SLASH_COMMAND = '/ptrack';

/**
 * How far ahead of our clock a request's timestamp may be. Bolt refuses only timestamps more
 * than five minutes old; a request stamped in the future could be replayed for longer.
 */
export const MAX_FUTURE_SKEW_SECONDS = 5 * 60;

/** A partnership as Slack's handlers need it. */
export interface SlackServed {
  readonly store: Store;
  readonly conversation: Conversation;
}

/** What the Slack side needs from the server. */
export interface SlackMountOptions {
  readonly config: SlackConfig;
  /** The bot's express app: Bolt's receiver is mounted on it, with no body parser before it. */
  readonly app: Application;
  /** The partnership that answers in a workspace (already checked against the allowed list), or undefined. */
  readonly partnershipOf: (teamId: string) => Promise<SlackServed | undefined>;
  readonly clock: Clock;
  readonly log: (line: string) => void;
  /** True once the server is closing: new requests get 503. */
  readonly closing: () => boolean;
  /** How the Home tab's redraw after a change waits (see homeRefresh.ts): a timer unless a test decides. */
  readonly homeRefreshDelay?: Delay;
  /** How a modal's confirmation waits for more from the same person (see confirmations.ts): a timer unless a test decides. */
  readonly confirmationDelay?: Delay;
}

/** The Slack side of a running server. */
export interface SlackHandle {
  /** The Web API client, with the bot token, pointed at `config.apiUrl`. */
  readonly client: webApi.WebClient;
  /** The same, but a 429 is returned at once with Slack's Retry-After, for the scheduler's pacing to honour. */
  readonly proactiveClient: webApi.WebClient;
  /** Waits for the work that requests started after they were acknowledged. */
  close(): Promise<void>;
}

/** Bolt's log lines, into the server's log: warnings and errors only. */
function boltLogger(log: (line: string) => void): Logger {
  let level = LogLevel.WARN;
  return {
    debug: () => {},
    info: () => {},
    warn: (...parts: unknown[]) => log(`slack: ${parts.map(String).join(' ')}`),
    error: (...parts: unknown[]) => log(`slack: ${parts.map(String).join(' ')}`),
    setLevel: (next) => void (level = next),
    getLevel: () => level,
    setName: () => {},
  };
}

/** Who the audit names as claiming and settling the Slack events the bot answers. */
export const SLACK_EVENTS_ACTOR = { kind: 'system', name: 'slack' } as const;

/**
 * How long an event's claim holds with no outcome before another instance may answer it: Slack
 * retries after about a minute, so a retry then reaches an instance that crashed mid-answer.
 */
export const SLACK_EVENT_LEASE_MS = 30_000;

/** The outbox key of the answer to one Slack event; the scheduler drops it a day after the answer. */
const eventKey = (eventId: string) => chatEventKey('slack', eventId);

/**
 * Claims the answer to a Slack event in the store's outbox, as the scheduler claims a reminder,
 * so that of several instances sharing the store only one answers each event, retries included.
 * `unclaimed` when the store could not say (the event is answered: a reply twice beats none).
 */
async function claimEvent(store: Store, eventId: string, clock: Clock): Promise<'claimed' | 'elsewhere' | 'unclaimed'> {
  const now = clock.now();
  const existing = (await store.read()).outbox.find((m) => m.key === eventKey(eventId));
  const expired = existing?.state === 'claimed' && Date.parse(existing.claimedAt) <= now.getTime() - SLACK_EVENT_LEASE_MS;
  if (existing && existing.state !== 'failed' && !expired) return 'elsewhere';
  const claimed = await store.commit([{ type: 'outbox.claim', key: eventKey(eventId), takeOverClaimedAt: expired ? existing.claimedAt : null }], {
    actor: SLACK_EVENTS_ACTOR,
    at: now.toISOString(),
  });
  if (claimed.success) return 'claimed';
  return claimed.error.code === 'outbox.already_claimed' ? 'elsewhere' : 'unclaimed';
}

/** Records that an event was answered (or why not), so no later retry answers it again. */
async function settleEvent(store: Store, eventId: string, clock: Clock, failure: string | null): Promise<void> {
  const settled = await store.commit([{ type: 'outbox.settle', key: eventKey(eventId), state: failure === null ? 'sent' : 'failed', error: failure }], {
    actor: SLACK_EVENTS_ACTOR,
    at: clock.now().toISOString(),
  });
  if (!settled.success) throw new Error(settled.error.message);
}

type ButtonArgs = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;
type SubmissionArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

/** A matcher of exactly these ids. */
const onlyIds = (ids: readonly string[]): RegExp => new RegExp(`^(?:${ids.map((id) => id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})$`);

/** The mention of the bot at the start of an @mention, and any others. */
const stripMentions = (text: string): string => text.replace(/<@[UW][A-Z0-9]+(\|[^>]*)?>/g, ' ').replace(/\s+/g, ' ').trim();

/** Where a Slack message was said, from its channel id and (for slash commands) channel name or (for events) channel type. */
function placeOf(channelId: string, kind: string | undefined): ChatPlace {
  const scope = channelId.startsWith('D') || kind === 'im' || kind === 'directmessage' ? 'personal' : kind === 'mpim' || kind?.startsWith('mpdm-') ? 'group' : 'channel';
  return { service: 'slack', scope, conversationId: channelId, name: scope === 'channel' && kind && kind !== 'channel' && kind !== 'group' ? kind : null };
}

/**
 * Mounts the Slack app on the server at POST /slack/events: Bolt's ExpressReceiver verifies the
 * v0 signature over the raw body (nothing may parse the body before it); a guard in front
 * refuses timestamps from the future; `authorize` refuses workspaces not allowed before any
 * listener; events seen before (Slack's retries) are dropped. Every request is acknowledged at
 * once and answered after: the slash command through its response_url, messages with
 * chat.postMessage.
 */
export function mountSlack(options: SlackMountOptions): SlackHandle {
  const { config, log, clock } = options;
  const logger = boltLogger(log);
  const slackHttp = createSlackFetch();
  const client = new webApi.WebClient(config.botToken, { slackApiUrl: config.apiUrl, logger, retryConfig: { retries: 2 }, fetch: slackHttp.fetch });

  // Headers only: the body is left for Bolt to read raw and verify.
  options.app.post(SLACK_EVENTS_PATH, (req: Request, res: Response, next: NextFunction) => {
    if (options.closing()) {
      res.status(503).send();
      return;
    }
    const stamp = Number(req.headers['x-slack-request-timestamp']);
    if (Number.isFinite(stamp) && stamp > Date.now() / 1000 + MAX_FUTURE_SKEW_SECONDS) {
      log('slack: refused a request stamped more than five minutes in the future');
      res.status(401).send();
      return;
    }
    next();
  });

  // auth.test once: the bot's own ids, so that Bolt ignores the bot's own messages.
  let identity: Promise<{ botUserId?: string; botId?: string }> | undefined;
  const botIdentity = () =>
    (identity ??= client.auth.test().then(
      (r) => ({ ...(r.user_id ? { botUserId: r.user_id } : {}), ...(r.bot_id ? { botId: r.bot_id } : {}) }),
      (error: unknown) => {
        identity = undefined;
        throw error;
      },
    ));

  const receiver = new ExpressReceiver({
    signingSecret: config.signingSecret,
    app: options.app,
    endpoints: SLACK_EVENTS_PATH,
    logger,
    processEventErrorHandler: async ({ error, response }) => {
      if (response.headersSent) return false;
      response.writeHead(error instanceof AuthorizationError ? 403 : 500);
      response.end();
      return true;
    },
  });

  const bolt = new App({
    receiver,
    logger,
    convoStore: false,
    clientOptions: { slackApiUrl: config.apiUrl, retryConfig: { retries: 2 }, fetch: slackHttp.fetch },
    authorize: async (source): Promise<AuthorizeResult> => {
      const team = source.teamId ?? source.enterpriseId;
      const served = team !== undefined && config.allowedTeamIds.includes(team) ? await options.partnershipOf(team) : undefined;
      if (served === undefined) {
        log(`slack: refused a request from workspace ${team ?? '(none)'}: not allowed`);
        throw new Error(`workspace ${team ?? '(none)'} is not allowed`);
      }
      return { botToken: config.botToken, ...(await botIdentity()), ptrackServed: served };
    },
  });

  bolt.error(async (error) => {
    // A refused workspace is answered 403 by the receiver; anything else is logged.
    if (error instanceof AuthorizationError) throw error;
    log(`slack: ${error.stack ?? error.message}`);
  });

  const inFlight = new Set<Promise<unknown>>();
  const track = (work: Promise<unknown>) => {
    inFlight.add(work);
    const done = () => inFlight.delete(work);
    work.then(done, done);
    return work;
  };

  // Slack retries an event it thinks went unanswered, maybe to another instance of the bot; the
  // first delivery is handled, the rest dropped. Bolt has acknowledged the event already.
  const seenEvents = new Set<string>();
  bolt.use(async ({ body, context, next }) => {
    const eventId = (body as { event_id?: unknown }).event_id;
    if (typeof eventId !== 'string') return next();
    if (seenEvents.has(eventId)) return;
    seenEvents.add(eventId);
    if (seenEvents.size > 10_000) seenEvents.delete(seenEvents.values().next().value!);
    const served = context.ptrackServed as SlackServed;
    // Tracked whole, so that closing waits for the outcome to be recorded too.
    await track(
      (async () => {
        const claim = await claimEvent(served.store, eventId, clock);
        if (claim === 'elsewhere') return;
        let failure: string | null = null;
        try {
          await next();
        } catch (error) {
          failure = (error as Error).message;
          throw error;
        } finally {
          if (claim === 'claimed') await settleEvent(served.store, eventId, clock, failure).catch((error: unknown) => log(`slack: could not settle event ${eventId}: ${(error as Error).message}`));
        }
      })(),
    );
  });

  const senderOf = (served: SlackServed, userId: string | undefined) => slackSender({ store: served.store, client, clock, userId, allowedTeamIds: config.allowedTeamIds, log });

  // Everyone's redraws and confirmations fall due together under load (each 250 ms after its
  // person's change): they go one at a time, each in a turn of the event loop of its own, so that
  // the requests arriving meanwhile are read between them rather than after all of them.
  const afterAnswers = new OneAtATime();

  /** Draws the person's Home tab from the data as it is now. */
  const publishHome = async (served: SlackServed, userId: string) => {
    const home = await served.conversation.home({ channel: 'slack', userId });
    const view = home ? createHomeView(home, { registerButton: true }) : { type: 'home', blocks: [section(escapeMrkdwn(SLACK_UNKNOWN_SENDER_TEXT))] };
    await client.views.publish({ user_id: userId, view: view as unknown as webApi.ViewsPublishArguments['view'] });
  };

  // One refresher per partnership, since a Slack user id is a person only within its workspace.
  const refreshers = new WeakMap<SlackServed, HomeRefresher<string>>();
  /**
   * Redraws the person's Home tab: at once when they open it, and a moment after each change they
   * make, coalesced, so that a burst of changes redraws it once with the latest state and the
   * redraw (which for the Executive includes the digest summary) is not queued after every
   * request. Tracked, so that closing waits for it.
   */
  const refreshHome = (served: SlackServed, userId: string, afterMs?: number): Promise<void> => {
    let refresher = refreshers.get(served);
    if (!refresher) {
      refresher = new HomeRefresher((user) => afterAnswers.run(() => publishHome(served, user)).catch((error: unknown) => log(`slack: could not publish the Home tab for ${user}: ${(error as Error).message}`)), options.homeRefreshDelay ?? timerDelay);
      refreshers.set(served, refresher);
    }
    return track(refresher.refresh(userId, afterMs)) as Promise<void>;
  };

  /** Answers one message from a user: identity, then the conversation, then `send` with the reply; the Home tab follows any change. */
  const answer = async (served: SlackServed, userId: string | undefined, text: string, requestId: string, place: ChatPlace, send: (reply: Reply) => Promise<unknown>) => {
    try {
      const sender = await senderOf(served, userId);
      if (!sender.known || userId === undefined) {
        await send({ text: SLACK_UNKNOWN_SENDER_TEXT });
        return;
      }
      const reply = await served.conversation.handleText({ channel: 'slack', userId }, text, requestId, sender.db, place);
      // The reply first: whether anything changed is a read of the store, which need not delay it.
      await send(reply);
      if ((await served.store.read()).revision !== sender.db.revision) void refreshHome(served, userId);
    } catch (error) {
      log(`slack: error answering "${text.slice(0, 40)}": ${(error as Error).stack ?? String(error)}`);
      await send({ text: UNEXPECTED_ERROR_TEXT }).catch((sendError: unknown) => log(`slack: could not apologise either: ${(sendError as Error).message}`));
    }
  };

  bolt.command(SLASH_COMMAND, async ({ command, ack, respond, context }) => {
    await ack();
    const served = context.ptrackServed as SlackServed;
    const place = placeOf(command.channel_id, command.channel_name);
    await track(
      answer(served, command.user_id, command.text || 'help', `slack:${command.trigger_id}`, place, (reply) => {
        const message = slackMessageOf(reply);
        return respond({ response_type: 'ephemeral', text: message.text, blocks: message.blocks });
      }),
    );
  });

  const post = (channel: string, threadTs: string | undefined) => (reply: Reply) => {
    const message = slackMessageOf(reply);
    return client.chat.postMessage({ channel, text: message.text, blocks: message.blocks, ...(threadTs ? { thread_ts: threadTs } : {}) });
  };

  bolt.event(onlyIds(SLACK_HANDLED_EVENTS), async ({ event, body, context }) => {
    const served = context.ptrackServed as SlackServed;
    const eventId = `slack:${(body as { event_id: string }).event_id}`;
    switch (event.type) {
      case 'app_mention': {
        const place = placeOf(event.channel, event.channel.startsWith('D') ? 'im' : 'channel');
        await track(answer(served, event.user, stripMentions(event.text), eventId, place, post(event.channel, event.thread_ts ?? event.ts)));
        return;
      }
      case 'message': {
        // Direct messages only (channels speak to the bot with an @mention); no edits, no bots.
        if (event.channel_type !== 'im' || event.subtype !== undefined || !('user' in event) || 'bot_id' in event) return;
        const text = 'text' in event && typeof event.text === 'string' ? stripMentions(event.text) : '';
        await track(answer(served, event.user, text, eventId, placeOf(event.channel, 'im'), post(event.channel, undefined)));
        return;
      }
      case 'app_home_opened':
        if (event.tab !== 'home') return;
        await track(
          senderOf(served, event.user)
            .then(() => refreshHome(served, event.user, 0))
            .catch((error: unknown) => log(`slack: could not publish the Home tab for ${event.user}: ${(error as Error).message}`)),
        );
        return;
    }
  });

  // Bolt runs every listener's matching middleware on every request, at about ten microseconds a
  // listener on the bench machine: one listener for each kind of request (command, events,
  // buttons, modal submissions), and the id picks the handler here (docs/performance.md).
  const buttons = new Map<string, (args: ButtonArgs) => Promise<void>>();
  const submissions = new Map<string, (args: SubmissionArgs) => Promise<void>>();

  /** Tells the person who pressed a button: beside the message it was on, else in their DM with the bot. */
  const tellPresser = (body: BlockButtonAction, respond: ((message: Record<string, unknown>) => Promise<unknown>) | undefined) => (reply: Reply) => {
    const message = slackMessageOf(reply);
    if (body.container?.type === 'message' && respond) return respond({ response_type: 'ephemeral', replace_original: false, text: message.text, blocks: message.blocks });
    return client.chat.postMessage({ channel: body.user.id, text: message.text, blocks: message.blocks });
  };

  /**
   * A button that opens a modal: acknowledged at once, the presser identified, then `open` (a
   * refusal is told beside the button). Slack's trigger is good for three seconds, so the modal
   * opens before anything slower.
   */
  const modalButton = (
    actionId: string,
    what: string,
    open: (turn: { served: SlackServed; db: Database; userId: string; value: string; triggerId: string; tell: (reply: Reply) => Promise<unknown> }) => Promise<unknown>,
  ) =>
    buttons.set(actionId, async ({ ack, body, action, context, respond }) => {
      await ack();
      const served = context.ptrackServed as SlackServed;
      const tell = tellPresser(body, respond);
      await track(
        (async () => {
          const sender = await senderOf(served, body.user.id);
          if (!sender.known) return tell({ text: SLACK_UNKNOWN_SENDER_TEXT });
          return open({ served, db: sender.db, userId: body.user.id, value: action.value ?? '', triggerId: body.trigger_id, tell });
        })().catch((error: unknown) => log(`slack: could not open ${what}: ${(error as Error).message}`)),
      );
    });

  modalButton(UPDATE_BUTTON, 'the update modal', async ({ db, value, triggerId, tell }) => {
    const found = db.actions.find((a) => a.ref === value);
    if (!found) return tell({ text: `There is no action ${value} any more. Say "my actions" to see yours.` });
    const today = localDateOf(clock.now(), db.partnership.timeZone);
    return client.views.open({ trigger_id: triggerId, view: createUpdateModal(found, today) as unknown as webApi.ViewsOpenArguments['view'] });
  });

  buttons.set(SNOOZE_BUTTON, async ({ ack, body, action, context, respond }) => {
    await ack();
    const served = context.ptrackServed as SlackServed;
    const place: ChatPlace = { service: 'slack', scope: 'personal', conversationId: body.channel?.id ?? body.user.id };
    await track(answer(served, body.user.id, `snooze ${action.value ?? ''} ${SNOOZE_BUTTON_SPAN}`, `slack:action:${body.trigger_id}`, place, tellPresser(body, respond)));
  });

  // A link button still sends an action; it needs only acknowledging.
  buttons.set(OPEN_DIGEST_ACTION, async ({ ack }) => {
    await ack();
  });

  modalButton(REGISTER_BUTTON, 'the register modal', async ({ served, db, userId, value, triggerId, tell }) => {
    // The same chair check as "attendance": a refusal is said, not a modal opened.
    const reply = await served.conversation.registerFor({ channel: 'slack', userId }, value, db);
    if (reply.view?.kind !== 'register') return tell(reply);
    const fitted = createRegisterModal(reply.view);
    if (!fitted) {
      return tell({ text: `The register for ${reply.view.subgroup.name} lists more people than a Slack modal can hold. The business team can record it with "ptrack import attendance".` });
    }
    return client.views.open({ trigger_id: triggerId, view: fitted.modal as unknown as webApi.ViewsOpenArguments['view'] });
  });

  // One queue per partnership, as for the Home tab's redraws.
  const confirmationQueues = new WeakMap<SlackServed, ConfirmationQueue<string, Reply>>();
  /**
   * After a modal's change was written and answered: the person's Home tab redrawn a moment later
   * (coalesced, see refreshHome), and the confirmation in their DM with the bot, sent a moment later
   * too, with any others of theirs that came meanwhile in the same message (see confirmations.ts),
   * so that a Web API call is not made for every change while the next requests wait behind it.
   */
  const confirmSubmission = (served: SlackServed, userId: string, reply: Reply) => {
    let queue = confirmationQueues.get(served);
    if (!queue) {
      queue = new ConfirmationQueue(async (user, replies) => {
        try {
          await afterAnswers.run(async () => {
            for (const message of combinedMessages(replies.map(slackMessageOf))) await client.chat.postMessage({ channel: user, text: message.text, blocks: message.blocks });
          });
        } catch (error) {
          log(`slack: could not confirm ${replies.length === 1 ? 'a change' : `${replies.length} changes`} to ${user}: ${(error as Error).message}`);
        }
      }, options.confirmationDelay ?? timerDelay);
      confirmationQueues.set(served, queue);
    }
    return Promise.all([refreshHome(served, userId), queue.add(userId, reply)]);
  };

  /**
   * What follows a modal's acknowledged change, tracked (closing waits for it) but not awaited:
   * a handler still waiting kept Bolt's whole request (the parsed view, express's request and
   * response) alive through the confirmation's wait, long enough to be copied twice by the young
   * generation's collector and promoted; at twenty users that made its pauses three times as long
   * as the bare app's (docs/performance.md).
   */
  const followSubmission = (served: SlackServed, userId: string, reply: Reply): void => {
    track(confirmSubmission(served, userId, reply)).catch((error: unknown) => log(`slack: could not follow up a change for ${userId}: ${(error as Error).message}`));
  };

  submissions.set(REGISTER_MODAL, async ({ ack, body, view, context }) => {
    const served = context.ptrackServed as SlackServed;
    const userId = body.user.id;
    let meetingId = '';
    try {
      meetingId = String((JSON.parse(view.private_metadata) as { meetingId?: unknown }).meetingId ?? '');
    } catch {
      // An unreadable modal is answered as one naming no meeting.
    }
    const values = view.state.values as Parameters<typeof registerDataOf>[0];
    // A correction that names no field is shown on the first list of people.
    const shown = ((view.blocks ?? []) as Array<{ block_id?: string }>).map((b) => b.block_id ?? '');
    const firstBlock = [...shown, ...Object.keys(values)].find((id) => id.startsWith(registerInputIds.status('')) || id === BY_STATUS_BLOCKS.present) ?? registerInputIds.guests;
    const read = registerDataOf(values);
    if ('error' in read) {
      await ack({ response_action: 'errors', errors: { [read.block]: read.error } });
      return;
    }
    const sender = await senderOf(served, userId);
    if (!sender.known) {
      await ack({ response_action: 'errors', errors: { [firstBlock]: SLACK_UNKNOWN_SENDER_TEXT } });
      return;
    }
    const outcome = await served.conversation.handleCardAction({ channel: 'slack', userId }, { ...read.data, verb: RECORD_ATTENDANCE_VERB, meetingId }, `slack:view:${view.id}`, sender.db);
    if (!outcome.settled) {
      await ack({ response_action: 'errors', errors: { [firstBlock]: outcome.reply.text ?? 'Please check the register and try again.' } });
      return;
    }
    await ack();
    followSubmission(served, userId, outcome.reply);
  });

  submissions.set(UPDATE_MODAL, async ({ ack, body, view, context }) => {
    const served = context.ptrackServed as SlackServed;
    const userId = body.user.id;
    let ref = '';
    try {
      ref = String((JSON.parse(view.private_metadata) as { ref?: unknown }).ref ?? '');
    } catch {
      // An unreadable modal is answered as one naming no action.
    }
    const values = view.state.values;
    const input = (block: string) => values[block]?.[INPUT_ACTION];
    const ids = updateInputIds(ref);
    const data = {
      verb: UPDATE_ACTION_VERB,
      ref,
      [ids.progress]: input(UPDATE_BLOCKS.progress)?.value ?? null,
      [ids.status]: input(UPDATE_BLOCKS.status)?.selected_option?.value ?? null,
      [ids.note]: input(UPDATE_BLOCKS.note)?.value ?? null,
    };
    const sender = await senderOf(served, userId);
    if (!sender.known) {
      await ack({ response_action: 'errors', errors: { [UPDATE_BLOCKS.note]: SLACK_UNKNOWN_SENDER_TEXT } });
      return;
    }
    const outcome = await served.conversation.handleCardAction({ channel: 'slack', userId }, data, `slack:view:${view.id}`, sender.db);
    if (!outcome.settled) {
      // A correction is shown beside the field at fault, in the modal; nothing was written.
      const block = outcome.field === ids.progress ? UPDATE_BLOCKS.progress : outcome.field === ids.status ? UPDATE_BLOCKS.status : UPDATE_BLOCKS.note;
      await ack({ response_action: 'errors', errors: { [block]: outcome.reply.text ?? 'Please check this and try again.' } });
      return;
    }
    await ack();
    followSubmission(served, userId, outcome.reply);
  });

  bolt.action<BlockButtonAction>(onlyIds([...buttons.keys()]), (args) => buttons.get(args.action.action_id)!(args));
  bolt.view({ type: 'view_submission', callback_id: onlyIds([...submissions.keys()]) }, (args) => submissions.get(args.view.callback_id)!(args as SubmissionArgs));

  return {
    client,
    proactiveClient: new webApi.WebClient(config.botToken, { slackApiUrl: config.apiUrl, logger, rejectRateLimitedCalls: true, retryConfig: { retries: 0 }, fetch: slackHttp.fetch }),
    async close() {
      await Promise.allSettled([...inFlight]);
      slackHttp.close();
    },
  };
}
