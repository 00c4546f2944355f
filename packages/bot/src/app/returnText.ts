import {
  complianceLabel,
  complianceStatus,
  escapeMarkdown,
  fail,
  nameKey,
  ok,
  responseId,
  type Database,
  type Person,
  type Result,
  type ReturnRequest,
} from '@partnership-tracker/core';
import { formatDate } from './format.js';

/** How to mark a return submitted, quoted in every correction. */
export const SUBMIT_RETURN_EXAMPLE = 'submit return dataset-2025-26-q1 https://sharepoint.example/our-return.xlsx';

/** A return the sender is their agency's contact for. */
export interface ContactReturn {
  readonly request: ReturnRequest;
  readonly agencyId: string;
}

/** The returns a person is their agency's contact for, soonest due first. */
export function returnsOfContact(db: Database, person: Person): ContactReturn[] {
  return db.returns
    .flatMap((request) => request.agencies.filter((a) => a.contactId === person.id).map((a) => ({ request, agencyId: a.agencyId })))
    .sort((a, b) => (a.request.dueOn < b.request.dueOn ? -1 : a.request.dueOn > b.request.dueOn ? 1 : 0));
}

/** Whether a contact's return is still owed: nothing in, part of it, or sent back. */
function isOwed(db: Database, { request, agencyId }: ContactReturn): boolean {
  const response = db.returnResponses.find((r) => r.id === responseId(request.id, agencyId));
  return response === undefined || response.state !== 'received' || response.review === 'sent-back';
}

/** What "submit return …" asked for: the return (by id or name, or the only one owed) and the link. */
export interface SubmitRequest {
  readonly returnId: string;
  readonly agencyId: string;
  readonly link: string;
}

/**
 * Reads the words after "submit return": the return's id or name (which may be left out when the
 * sender owes one return only), then the link to the document or data.
 */
export function parseSubmitReturnText(db: Database, person: Person, text: string): Result<SubmitRequest> {
  const words = text.trim().split(/\s+/).filter((w) => w !== '');
  const link = words.at(-1);
  if (link === undefined || !/^https?:\/\/\S+$/i.test(link)) {
    return fail('submit.no_link', `Add the link to the return, so the business team can find it: ${SUBMIT_RETURN_EXAMPLE}`);
  }
  try {
    new URL(link);
  } catch {
    return fail('submit.no_link', `"${link}" is not a link I can read. ${SUBMIT_RETURN_EXAMPLE}`);
  }
  const named = words.slice(0, -1).join(' ');
  const mine = returnsOfContact(db, person);
  if (named === '') {
    const owed = mine.filter((r) => isOwed(db, r));
    if (owed.length === 1) return ok({ returnId: owed[0]!.request.id, agencyId: owed[0]!.agencyId, link });
    if (owed.length === 0) return fail('submit.none_owed', 'You have no return to send just now: say "my returns" to see yours.');
    return fail('submit.which', `Which return? You have ${owed.length} to send: ${owed.map((r) => r.request.id).join(', ')}. For example: submit return ${owed[0]!.request.id} ${link}`);
  }
  const request = db.returns.find((r) => r.id === named.toLowerCase() || nameKey(r.title) === nameKey(named));
  if (!request) return fail('submit.unknown_return', `There is no return "${named}". Say "my returns" to see yours.`);
  // A contact submits for the agency they are contact for; anyone else is refused by core, for their own agency.
  const agencyId = request.agencies.find((a) => a.contactId === person.id)?.agencyId ?? person.agencyId ?? request.agencies[0]!.agencyId;
  return ok({ returnId: request.id, agencyId, link });
}

/** "my returns": each return the person is contact for, where it stands, and how to send it. */
export function myReturnsText(db: Database, person: Person, today: string): string {
  const mine = returnsOfContact(db, person);
  if (mine.length === 0) return "You are not the contact for any of your agency's returns. The business team names each agency's contact.";
  const lines = mine.map(({ request, agencyId }) => {
    const response = db.returnResponses.find((r) => r.id === responseId(request.id, agencyId));
    const status = complianceLabel(complianceStatus(request, response, agencyId, today));
    const agency = db.agencies.find((a) => a.id === agencyId)?.name ?? agencyId;
    const sentBack = response?.review === 'sent-back' ? ` (sent back: ${escapeMarkdown(response.reviewNote ?? '')})` : '';
    return `- **${request.id}**: ${escapeMarkdown(request.title)} for ${escapeMarkdown(agency)}, due ${formatDate(request.dueOn)}: ${status}${sentBack}`;
  });
  return [`The returns you send for your agency:`, '', ...lines, '', `When one is sent, say e.g. "submit return ${mine[0]!.request.id} https://…" with its link.`].join('\n');
}
