import {
  canChooseDigestChannel,
  dueMessages,
  escapeMarkdown,
  isAdministrator,
  localDateOf,
  nextDigest,
  sameChannel,
  type Actor,
  type CommandInput,
  type Database,
  type DomainError,
  type Person,
  type Result,
  type Subgroup,
} from '@partnership-tracker/core';
import { describeError } from './errors.js';
import { formatDate } from './format.js';
import type { ChatPlace } from './identity.js';

/** What choosing a digest channel needs from the conversation: the data, the sender, where they spoke, and how to commit as them. */
export interface DigestChannelTurn {
  readonly db: Database;
  readonly person: Person;
  readonly place: ChatPlace | undefined;
  readonly now: Date;
  readonly commit: (commands: CommandInput[]) => Promise<Result<{ changed: boolean }>>;
}

const ONLY_IN_A_CHANNEL =
  'Say this in the channel where the digests should go, with an @mention of me in front (e.g. "@Partnership Tracker post digests here"): I post the quarterly digest in that channel.';

/** The subgroups bound to the channel a message came from. */
function boundHere(db: Database, place: ChatPlace): Subgroup[] {
  return db.subgroups.filter((s) => s.channel !== null && sameChannel(s.channel, { kind: place.service, conversationId: place.conversationId }));
}

/** The subgroup whose digests "post digests here" means, or what to say instead. */
function chosenSubgroup(db: Database, person: Person, named: string | null): { subgroup: Subgroup } | { reply: string } {
  if (named !== null) {
    const wanted = named.trim().toLowerCase();
    const subgroup = db.subgroups.find((s) => [s.id, s.name, s.shortName].some((n) => n.toLowerCase() === wanted));
    return subgroup ? { subgroup } : { reply: `There is no group called "${named}". The groups are: ${db.subgroups.map((s) => s.shortName).join(', ')}.` };
  }
  const actor: Actor = { kind: 'person', personId: person.id };
  const executive = db.subgroups.find((s) => s.kind === 'executive');
  const chaired = db.subgroups.filter((s) => s.chairId === person.id || s.deputyChairId === person.id);
  // The business team most often sets up the Executive's channel; a chair, their own group's.
  if (executive && (isAdministrator(db, actor) || chaired.includes(executive))) return { subgroup: executive };
  if (chaired.length === 1) return { subgroup: chaired[0]! };
  if (chaired.length > 1 || isAdministrator(db, actor)) {
    const example = (chaired[0] ?? db.subgroups[0])?.shortName ?? 'QAG';
    return { reply: `Whose digests should I post here? Say e.g. "post digests here for ${example}".` };
  }
  return { reply: 'Only the chair or deputy chair of a group (or the business team) can choose where its digests are posted. Nothing was changed.' };
}

/**
 * "post digests here": binds the channel the message came from to a subgroup's quarterly digests
 * (the Executive's for the business team, else the group the sender chairs), as the sender, so
 * core's rule decides who may.
 */
export async function postDigestsHere(turn: DigestChannelTurn, named: string | null): Promise<string> {
  const { db, person, place } = turn;
  if (place?.scope !== 'channel') return ONLY_IN_A_CHANNEL;
  const chosen = chosenSubgroup(db, person, named);
  if ('reply' in chosen) return chosen.reply;
  const { subgroup } = chosen;
  const before = subgroup.channel;
  const result = await turn.commit([
    { type: 'subgroup.setChannel', subgroupId: subgroup.id, channel: { kind: place.service, conversationId: place.conversationId, name: place.name ?? null } },
  ]);
  if (!result.success) return refusal(result.error);
  const next = nextDigest(db, turn.now.toISOString());
  if (!result.data.changed && before !== null) {
    const who = escapeMarkdown(db.people.find((p) => p.id === before.boundBy)?.name ?? 'the business team');
    return `The ${subgroup.name} digests are already posted here (since ${formatDate(localDateOf(before.boundAt, db.partnership.timeZone))}, set up by ${who}). The next is for ${next.period}, on ${formatDate(next.day)}.`;
  }
  const lines = [`From now on I'll post the quarterly digest for ${subgroup.name} here, on the first working day after each quarter ends: the next is for ${next.period}, on ${formatDate(next.day)}.`];
  if (before !== null) lines.push(`It was posted in ${before.name ? `"${escapeMarkdown(before.name)}"` : 'another channel'} until now; not any more.`);
  // A quarter that ended in the last few days and has not been posted here yet still comes.
  const binding = { kind: place.service, conversationId: place.conversationId, name: null, boundBy: person.id, boundAt: turn.now.toISOString() };
  const bound = { ...db, subgroups: db.subgroups.map((s) => (s.id === subgroup.id ? { ...s, channel: binding } : s)) };
  const here = `:${place.service}:${place.conversationId}`;
  const catchUp = dueMessages(bound, turn.now.toISOString()).find((m) => m.kind === 'digest' && m.key.endsWith(here) && !db.outbox.some((o) => o.key === m.key));
  if (catchUp?.kind === 'digest') lines.push(`The ${catchUp.data.period} digest follows here shortly.`);
  lines.push('Say "@Partnership Tracker stop" in this channel to stop.');
  return lines.join(' ');
}

/** "stop" (in a channel): stops posting there the digests of every group the sender may stop. */
export async function stopDigestsHere(turn: DigestChannelTurn): Promise<string> {
  const { db, person, place } = turn;
  if (place?.scope !== 'channel') return 'Say "stop" in the channel where the digests should stop, with an @mention of me in front. Nothing was changed.';
  const bound = boundHere(db, place);
  if (bound.length === 0) return 'No digests are posted in this channel, so there is nothing to stop.';
  const actor: Actor = { kind: 'person', personId: person.id };
  const allowed = bound.filter((s) => canChooseDigestChannel(db, actor, s).success);
  const refused = bound.filter((s) => !allowed.includes(s));
  if (allowed.length === 0) {
    const first = canChooseDigestChannel(db, actor, refused[0]!);
    if (!first.success) return refusal(first.error);
  }
  const result = await turn.commit(allowed.map((s) => ({ type: 'subgroup.setChannel', subgroupId: s.id, channel: null })));
  if (!result.success) return refusal(result.error);
  const names = allowed.map((s) => s.name).join(' and ');
  const kept = refused.length > 0 ? ` The ${refused.map((s) => s.name).join(' and ')} digests still come here: only their chair or the business team can stop them.` : '';
  return `I'll stop posting the ${names} digests here. Anyone can still ask me for "digest" in a chat.${kept}`;
}

function refusal(error: DomainError): string {
  const text = describeError(error);
  return text.includes('Nothing was changed') ? text : `${text} Nothing was changed.`;
}
