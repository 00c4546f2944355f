import { formatDate, isPermanentFailure, localTimeOf, renderMessage, type Database, type MessageTarget, type ScheduledMessage } from '@partnership-tracker/core';

function recipient(db: Database, target: MessageTarget): string {
  if (target.kind === 'person') {
    const person = db.people.find((p) => p.id === target.personId);
    return person ? `${person.name} <${person.email}>` : target.personId;
  }
  const subgroup = db.subgroups.find((s) => s.id === target.subgroupId);
  const channel = subgroup?.channel?.name ?? subgroup?.channel?.conversationId;
  if (!channel) return `the ${subgroup?.name ?? target.subgroupId} channel (none bound yet: its chair says "post digests here" to the bot in it)`;
  return `the ${subgroup?.name ?? target.subgroupId} channel (${subgroup?.channel?.kind === 'slack' ? 'Slack' : 'Teams'}: ${channel})`;
}

/** What the outbox says happened to a message, if anything yet. */
function outcome(db: Database, key: string): string {
  const entry = db.outbox.find((m) => m.key === key);
  if (!entry) return '';
  if (entry.state === 'sent') return ', already sent';
  if (entry.state === 'failed') return isPermanentFailure(entry.error) ? ', failed for good' : ', failed, to be retried';
  return ', being sent';
}

/** Lists a day's messages for people: when, to whom, what each says as the bot would word it, and whether it has gone. */
export function describeReminders(db: Database, day: string, messages: readonly ScheduledMessage[]): string {
  const heading = `Messages the bot sends on ${formatDate(day)} (dry run: nothing was sent)`;
  if (messages.length === 0) return `${heading}: none.\n`;
  const timeZone = db.partnership.timeZone;
  const lines = messages.map((message) => {
    const text = renderMessage(db, message).text.replace(/\n/g, '\n    ');
    return `- ${localTimeOf(message.sendAt, timeZone)} to ${recipient(db, message.target)} [${message.kind}${outcome(db, message.key)}]\n    ${text}`;
  });
  return `${heading}:\n${lines.join('\n')}\n`;
}
