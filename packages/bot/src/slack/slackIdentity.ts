import type { Clock, Database, Store } from '@partnership-tracker/core';
import type { webApi } from '@slack/bolt';
import { findSender } from '../app/identity.js';

/** Who links a Slack user to a person in the audit: the bot, acting on Slack's word for their email. */
export const SLACK_LINK_ACTOR = { kind: 'system', name: 'slack' } as const;

/** What an unknown Slack user is told: who adds them, and that a matching profile email is enough. */
export const SLACK_UNKNOWN_SENDER_TEXT =
  "Hello! I don't know you yet, so I can't show you anything. Please ask the partnership's business team to add you: " +
  'they need your name, work email and agency. If your Slack profile shows that same work email, I will recognise you from then on; ' +
  'otherwise they can add your Slack member ID for you. Once they have, say "help" to start.';

/** The data of the turn, and whether the sender is a known person in it. */
export type SlackSender = { readonly known: true; readonly db: Database } | { readonly known: false; readonly db: Database };

/**
 * Finds the person behind a Slack user id (from the signed payload, never a name). A user not
 * yet linked whose Slack profile email (users.info) is an active person's email, and who belongs
 * to an allowed workspace, is linked to them once, through the store (audited, as the bot).
 */
export async function slackSender(options: {
  readonly store: Store;
  readonly client: webApi.WebClient;
  readonly clock: Clock;
  readonly userId: string | undefined;
  readonly allowedTeamIds: readonly string[];
  readonly log: (line: string) => void;
}): Promise<SlackSender> {
  const { store, client, userId } = options;
  const db = await store.read();
  if (!userId) return { known: false, db };
  const known = findSender(db, { channel: 'slack', userId });
  if (known) return { known: true, db: await rememberSlackChat(options, db, known.id, userId) };
  let email: string | undefined;
  try {
    const info = await client.users.info({ user: userId });
    const user = info.user;
    // A bot, a deactivated account or a guest from another organisation's workspace is never linked.
    if (!user || user.deleted || user.is_bot || !user.team_id || !options.allowedTeamIds.includes(user.team_id)) return { known: false, db };
    email = user.profile?.email?.trim().toLowerCase();
  } catch (error) {
    options.log(`could not look up Slack user ${userId}: ${(error as Error).message}`);
    return { known: false, db };
  }
  const person = email ? db.people.find((p) => p.active && p.email === email) : undefined;
  if (!person || person.slackUserId !== null) return { known: false, db };
  const linked = await store.commit([{ type: 'person.linkSlack', personId: person.id, slackUserId: userId, email: person.email }], {
    actor: SLACK_LINK_ACTOR,
    at: options.clock.now().toISOString(),
  });
  if (!linked.success) {
    options.log(`could not link Slack user ${userId} to ${person.id}: ${linked.error.message}`);
    return { known: false, db };
  }
  options.log(`linked Slack user ${userId} to ${person.id} by their profile email`);
  const after = await store.read();
  return { known: findSender(after, { channel: 'slack', userId }) !== undefined, db: await rememberSlackChat(options, after, person.id, userId) };
}

/** Each list of saved conversations as key → conversation id, built once per list (the store makes a new list for a change), since every turn asks. */
const savedChats = new WeakMap<Database['conversations'], Map<string, string>>();

function savedChatsOf(conversations: Database['conversations']): Map<string, string> {
  let index = savedChats.get(conversations);
  if (!index) {
    index = new Map();
    for (const c of conversations) if (!index.has(c.key)) index.set(c.key, c.conversationId);
    savedChats.set(conversations, index);
  }
  return index;
}

/**
 * Saves, the first time, that this person talks to the bot in Slack (as Teams saves a personal
 * chat): the scheduler then knows Slack is where they began most recently, if they also use Teams.
 */
async function rememberSlackChat(options: { readonly store: Store; readonly clock: Clock; readonly log: (line: string) => void }, db: Database, personId: string, userId: string): Promise<Database> {
  const key = `slack:personal:${personId}`;
  if (savedChatsOf(db.conversations).get(key) === userId) return db;
  const at = options.clock.now().toISOString();
  const saved = await options.store.commit(
    [{ type: 'conversation.save', conversation: { key, channel: 'slack', scope: 'personal', personId, conversationId: userId, reference: { userId }, savedAt: at } }],
    { actor: SLACK_LINK_ACTOR, at },
  );
  if (!saved.success) {
    options.log(`could not save the Slack chat of ${personId}: ${saved.error.message}`);
    return db;
  }
  return options.store.read();
}
