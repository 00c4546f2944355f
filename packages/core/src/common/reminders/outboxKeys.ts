// The outbox keys that name a person. A key is the message's identity, so a person's erasure
// must move theirs to the pseudonym (`rekeyOutboxKey`) without touching a key that names an
// agency or an action with the same text: only the place a key's rule puts the person is read.

const PLEASE_UPDATE = 'please-update:';
const WITHDRAWAL_PROPOSAL = 'withdrawal-proposal:';

/** The quarterly "please update your actions" message to one owner. */
export function pleaseUpdateKey(personId: string, quarter: string): string {
  return `${PLEASE_UPDATE}${personId}:${quarter}`;
}

/** The note to one of the business team that an owner proposed to withdraw an action. */
export function withdrawalProposalKey(actionRef: string, proposedAt: string, personId: string): string {
  return `${WITHDRAWAL_PROPOSAL}${actionRef}:${proposedAt}:${personId}`;
}

/** `key` with the person `from` it names replaced by `to`; the same key when it names no one, or someone else. */
export function rekeyOutboxKey(key: string, from: string, to: string): string {
  if (key.startsWith(`${PLEASE_UPDATE}${from}:`)) return `${PLEASE_UPDATE}${to}:${key.slice(PLEASE_UPDATE.length + from.length + 1)}`;
  if (key.startsWith(WITHDRAWAL_PROPOSAL) && key.endsWith(`:${from}`)) return `${key.slice(0, -from.length)}${to}`;
  return key;
}
