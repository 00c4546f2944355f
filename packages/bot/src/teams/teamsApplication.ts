import type { Clock, Database, Store } from '@partnership-tracker/core';
import { Application, type AdaptiveCard, type TeamsAdapter, type TurnState } from '@microsoft/teams-ai';
import { ActivityTypes, MemoryStorage, type TurnContext } from 'botbuilder';
import type { Conversation } from '../app/conversation.js';
import { UNEXPECTED_ERROR_TEXT } from '../app/errors.js';
import type { ChatIdentity, ChatPlace } from '../app/identity.js';
import { activityOf, cardOf } from './activity.js';
import { channelIdOf, saveConversationReference } from './conversationReferences.js';

/** What the Teams router needs: the adapter, the channel-neutral conversation, and the store for references. */
export interface TeamsApplicationOptions {
  readonly adapter: TeamsAdapter;
  readonly botAppId: string;
  readonly conversation: Conversation;
  readonly store: Store;
  readonly clock: Clock;
  readonly log: (line: string) => void;
}

const identityOf = (context: TurnContext): ChatIdentity => ({ channel: 'teams', aadObjectId: context.activity.from?.aadObjectId });

/** Where a Teams message was said: a channel (by its own id, not the thread's), a group chat or a personal chat. */
const placeOf = (context: TurnContext): ChatPlace => {
  const { activity } = context;
  const type = activity.conversation?.conversationType;
  if (type === 'channel') {
    const channel = (activity.channelData as { channel?: { name?: string } } | undefined)?.channel;
    return { service: 'teams', scope: 'channel', conversationId: channelIdOf(activity) ?? '', name: channel?.name ?? null };
  }
  return { service: 'teams', scope: type === 'groupChat' ? 'group' : 'personal', conversationId: activity.conversation?.id ?? '' };
};

// Where beforeTurn leaves the store's data for the turn's handler (botbuilder's per-turn state).
const SNAPSHOT = Symbol('ptrack.snapshot');

/** The data beforeTurn read for this turn, so the handler does not read the store again; undefined if it read none. */
const snapshotOf = (context: TurnContext): Database | undefined => context.turnState.get(SNAPSHOT) as Database | undefined;

/** Names the incoming activity, so that Teams' retry of it changes nothing twice. */
const requestIdOf = (context: TurnContext): string | undefined => (context.activity.id ? `teams:${context.activity.id}` : undefined);

const objectOrEmpty = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

/**
 * The teams-ai Application used purely as a router (no language model): text messages, card
 * submissions (`message` with `value`), Universal Action invokes (`adaptiveCard/action`), and
 * installs, each handed to the Conversation; conversation references saved on the way in.
 */
export function createTeamsApplication(options: TeamsApplicationOptions): Application<TurnState> {
  const { conversation, store, clock, log } = options;
  const app = new Application<TurnState>({
    adapter: options.adapter,
    botAppId: options.botAppId,
    storage: new MemoryStorage(),
    removeRecipientMention: true,
    startTypingTimer: false,
    longRunningMessages: false,
  });

  // Personal chats are saved when first used, channels when the bot is added or spoken to there.
  app.turn('beforeTurn', async (context) => {
    const type = context.activity.type;
    if (type === ActivityTypes.Message || type === ActivityTypes.ConversationUpdate || type === ActivityTypes.InstallationUpdate || type === ActivityTypes.Invoke) {
      context.turnState.set(SNAPSHOT, await saveConversationReference(store, clock, context.activity));
    }
    return true;
  });

  app.activity(ActivityTypes.InstallationUpdate, async (context) => {
    const action = (context.activity as { action?: string }).action ?? 'add';
    if (!action.startsWith('add')) return;
    if ((context.activity.conversation?.conversationType ?? 'personal') !== 'personal') return;
    await context.sendActivity(activityOf(await conversation.handleText(identityOf(context), 'help', undefined, snapshotOf(context))));
  });

  app.conversationUpdate('membersAdded', async () => {
    // The reference was saved before the turn; a channel gets no greeting, to keep it quiet.
  });

  app.adaptiveCards.actionExecute(/.*/, async (context, _state, data) => {
    const outcome = await conversation.handleCardAction(identityOf(context), { ...objectOrEmpty(data), verb: context.activity.value?.action?.verb }, requestIdOf(context), snapshotOf(context));
    // A finished card is replaced by the answer; a correction leaves the card for another try.
    return outcome.settled ? (cardOf(outcome.reply) as AdaptiveCard) : (outcome.reply.text ?? 'Please check the card and try again.');
  });

  app.adaptiveCards.actionSubmit(/.*/, async (context, _state, data) => {
    const outcome = await conversation.handleCardAction(identityOf(context), objectOrEmpty(data), requestIdOf(context), snapshotOf(context));
    await context.sendActivity(activityOf(outcome.reply));
  });

  // Registered last: card submissions that carry a verb were taken by actionSubmit above.
  app.activity(ActivityTypes.Message, async (context) => {
    const value = context.activity.value as unknown;
    if (!context.activity.text && typeof value === 'object' && value !== null) {
      // A card submission without a verb: an old or foreign card.
      const outcome = await conversation.handleCardAction(identityOf(context), objectOrEmpty(value), undefined, snapshotOf(context));
      await context.sendActivity(activityOf(outcome.reply));
      return;
    }
    await context.sendActivity(activityOf(await conversation.handleText(identityOf(context), context.activity.text ?? '', requestIdOf(context), snapshotOf(context), placeOf(context))));
  });

  app.error(async (context, error) => {
    log(`error handling a ${context.activity.type} activity: ${error.stack ?? error.message}`);
    if (context.activity.type !== ActivityTypes.Message) return;
    try {
      await context.sendActivity(UNEXPECTED_ERROR_TEXT);
    } catch (sendError) {
      // The connector itself is unreachable; the log line above is all we can do.
      log(`could not apologise either: ${(sendError as Error).message}`);
    }
  });

  return app;
}
