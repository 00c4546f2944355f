import { parsePeriod, type ChatService, type Database } from '@partnership-tracker/core';
import { periodSlug } from './reports.js';
import type { Reply } from './reply.js';

/**
 * Who a proactive message goes to: a person's personal chat (by Person id), or a channel of a
 * chat service (a new post in it, never a threaded reply).
 */
// A type alias rather than an interface: an interface cannot be a union.
export type ProactiveTarget = { kind: 'person'; personId: string } | { kind: 'channel'; service: ChatService; conversationId: string };

/** How a single proactive send went; `retryAfterMs` is set when the channel throttled us (HTTP 429). */
export type SendOutcome = { ok: true } | { ok: false; retryAfterMs?: number; permanent: boolean; error: string };

/** Sends a Reply to a person or channel without an incoming message; the scheduler's only way out. */
export interface ProactiveSender {
  send(target: ProactiveTarget, reply: Reply): Promise<SendOutcome>;
  /**
   * People this sender can reach although no conversation with them is saved (Slack can open a
   * DM with any member of the workspace); the scheduler adds them to those with a saved one.
   */
  reachablePeople?(db: Database): ReadonlySet<string>;
}

/**
 * The chat service a person's reminders go to when the bot answers in more than one: the one the
 * partnership prefers for them (`Person.preferredChat`), when it reaches them there (Slack: they
 * have a Slack id; Teams: they have a saved personal chat); otherwise the one whose personal
 * conversation with the bot began most recently (where they now talk to it); with none saved,
 * Slack when they have a Slack id (Slack can open a DM unprompted), else Teams.
 */
export function preferredChatService(db: Database, personId: string, available: ReadonlySet<ChatService>): ChatService | undefined {
  const person = db.people.find((p) => p.id === personId);
  if (!person) return undefined;
  const chats = db.conversations.filter((c) => c.scope === 'personal' && c.personId === personId && available.has(c.channel));
  const reaches = (service: ChatService) => available.has(service) && (service === 'slack' ? person.slackUserId !== null : chats.some((c) => c.channel === service));
  if (person.preferredChat !== null && reaches(person.preferredChat)) return person.preferredChat;
  const saved = [...chats].sort((a, b) => (a.savedAt < b.savedAt ? 1 : a.savedAt > b.savedAt ? -1 : 0))[0];
  if (saved) return saved.channel;
  if (available.has('slack') && person.slackUserId !== null) return 'slack';
  return available.has('teams') ? 'teams' : undefined;
}

/**
 * One ProactiveSender over the chat services a partnership's bot answers in: a channel's message
 * goes to its own service, a person's to their preferred one (`preferredChatService`), so a person
 * with both a Teams and a Slack id gets each reminder once.
 */
export class RoutedSender implements ProactiveSender {
  private readonly available: ReadonlySet<ChatService>;

  constructor(
    private readonly senders: Partial<Record<ChatService, ProactiveSender>>,
    private readonly read: () => Promise<Database>,
  ) {
    this.available = new Set((Object.keys(senders) as ChatService[]).filter((service) => senders[service] !== undefined));
  }

  async send(target: ProactiveTarget, reply: Reply): Promise<SendOutcome> {
    const service = target.kind === 'channel' ? target.service : preferredChatService(await this.read(), target.personId, this.available);
    const sender = service === undefined ? undefined : this.senders[service];
    if (!sender) return { ok: false, permanent: true, error: `No chat service of this bot reaches ${target.kind === 'person' ? `person ${target.personId}` : `channel ${target.conversationId} on ${target.service}`}.` };
    return sender.send(target, reply);
  }

  reachablePeople(db: Database): ReadonlySet<string> {
    const reachable = new Set<string>();
    for (const sender of Object.values(this.senders)) for (const id of sender?.reachablePeople?.(db) ?? []) reachable.add(id);
    return reachable;
  }
}

/** A scheduled digest's reply with the link to its full HTML page added (it names its period in its "digest …" command). */
function withDigestLink(reply: Reply, linkToDigest: (slug: string) => string): Reply {
  const view = reply.view;
  if (view?.kind !== 'scheduled' || view.fullDigestUrl !== undefined) return reply;
  const command = view.summary.commands.map((c) => /^digest (.+)$/.exec(c.command)).find((m) => m !== null);
  const period = command ? parsePeriod(command[1]!) : undefined;
  if (!period?.success) return reply;
  return { ...reply, view: { ...view, fullDigestUrl: linkToDigest(periodSlug(period.data)) } };
}

/** A sender whose scheduled digests carry the link to the full digest page (the scheduler composes them without it). */
export function linkingDigests(sender: ProactiveSender, linkToDigest: (slug: string) => string): ProactiveSender {
  return {
    send: (target, reply) => sender.send(target, withDigestLink(reply, linkToDigest)),
    ...(sender.reachablePeople ? { reachablePeople: (db: Database) => sender.reachablePeople!(db) } : {}),
  };
}
