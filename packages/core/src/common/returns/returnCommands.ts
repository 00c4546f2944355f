import { canAdminister, personOf } from '../access/permissions.js';
import type { Actor } from '../audit/auditEntry.js';
import { fail, ok, type Result } from '../base/result.js';
import type { LocalDate } from '../base/time.js';
import type { Command } from '../store/commands.js';
import type { Database } from '../store/database.js';
import { responseId, ReturnResponse, type ReturnRequest } from './returnRequest.js';

/** The commands that change returns and their responses. */
export type ReturnCommand = Extract<
  Command,
  { type: 'return.upsert' | 'returnResponse.upsert' | 'returnResponse.submit' | 'returnResponse.review' | 'returnResponse.snooze' | 'returnResponse.chase' }
>;

/** What a returns command writes: a return, or an agency's response to one. */
export type ReturnTarget =
  | { readonly collection: 'returns'; readonly entity: 'return'; readonly record: ReturnRequest }
  | { readonly collection: 'returnResponses'; readonly entity: 'returnResponse'; readonly record: ReturnResponse };

const agencyName = (db: Database, agencyId: string): string => db.agencies.find((a) => a.id === agencyId)?.name ?? agencyId;

/**
 * The business team administers returns. An agency's contact for a return may say it is
 * submitted, for their own agency only; nobody else outside the business team may.
 */
export function canSubmitReturn(db: Database, actor: Actor, request: ReturnRequest, agencyId: string): Result<true> {
  if (canAdminister(db, actor).success) return ok(true);
  const person = personOf(db, actor);
  if (person !== undefined && request.agencies.some((a) => a.agencyId === agencyId && a.contactId === person.id)) return ok(true);
  if (actor.kind === 'person' && person === undefined) return fail('access.unknown_person', `${actor.personId} is not a known, active person in ${db.partnership.name}.`, { personId: actor.personId });
  return fail('return.not_contact', `Only ${agencyName(db, agencyId)}'s contact for ${request.title} (or the business team) can say it is submitted.`);
}

/** When and by whom a returns command is made. */
export interface ReturnChange {
  readonly actor: Actor;
  /** The instant of the change, and the partnership's day then (a submission is received on it). */
  readonly at: string;
  readonly today: LocalDate;
  /** The actor as histories name them (`olu-owner`, `system:cli`). */
  readonly by: string;
}

/**
 * Checks a returns command against the actor's permissions and the data it names, and works out
 * the record it writes (null when it changes nothing, as a resubmitted link does).
 */
export function checkReturnCommand(db: Database, command: ReturnCommand, change: ReturnChange): Result<ReturnTarget | null> {
  const { actor, at, today, by } = change;
  const byPersonId = actor.kind === 'person' ? actor.personId : null;
  switch (command.type) {
    case 'return.upsert': {
      const allowed = canAdminister(db, actor);
      if (!allowed.success) return allowed;
      const { request } = command;
      for (const ask of request.agencies) {
        if (!db.agencies.some((a) => a.id === ask.agencyId)) return fail('return.unknown_agency', `${request.title}: agency "${ask.agencyId}" is not in the register.`);
        if (ask.contactId === null) continue;
        const contact = db.people.find((p) => p.id === ask.contactId);
        if (!contact) return fail('return.unknown_contact', `${request.title}: contact "${ask.contactId}" for ${agencyName(db, ask.agencyId)} is not a known person.`);
        if (!contact.active) return fail('return.inactive_contact', `${request.title}: ${contact.name} has left the partnership; name ${agencyName(db, ask.agencyId)}'s current contact.`);
      }
      const numbers = new Set(request.standards.map((standard) => standard.number));
      for (const response of db.returnResponses.filter((r) => r.returnId === request.id)) {
        const rated = response.ratings.find((r) => !numbers.has(r.standard));
        if (rated) return fail('return.standard_in_use', `${request.title}: ${agencyName(db, response.agencyId)} has rated itself against standard ${rated.standard}, so it stays.`);
      }
      const answered = db.returnResponses.find((r) => r.returnId === request.id && r.state !== 'not-received' && !request.agencies.some((a) => a.agencyId === r.agencyId));
      if (answered) {
        return fail('return.response_exists', `${request.title}: ${agencyName(db, answered.agencyId)} has already responded, so it stays among the agencies asked.`);
      }
      return ok({ collection: 'returns', entity: 'return', record: request });
    }
    case 'returnResponse.upsert': {
      const allowed = canAdminister(db, actor);
      if (!allowed.success) return allowed;
      const { response } = command;
      const request = askedOf(db, response.returnId, response.agencyId);
      if (!request.success) return request;
      if (response.receivedById !== null && !db.people.some((p) => p.id === response.receivedById)) {
        return fail('return.unknown_person', `${request.data.title}: "${response.receivedById}", who sent ${agencyName(db, response.agencyId)}'s return, is not a known person.`);
      }
      const unknown = response.ratings.find((r) => !request.data.standards.some((s) => s.number === r.standard));
      if (unknown) return fail('return.unknown_standard', `${request.data.title} has no standard ${unknown.standard} for ${agencyName(db, response.agencyId)} to rate.`);
      const committed = db.actions.find(
        (a) => a.status !== 'withdrawn' && a.source.kind === 'self-assessment' && a.source.recordId === response.id && a.source.item !== undefined && !response.ratings.some((r) => r.standard === a.source.item),
      );
      if (committed) {
        return fail('return.rating_in_use', `${request.data.title}: action ${committed.ref} answers ${agencyName(db, response.agencyId)}'s rating of standard ${committed.source.item}; keep the rating, or withdraw the action first.`);
      }
      // The chases sent and the snooze are the chasing's own record: an import never undoes them.
      const stored = db.returnResponses.find((r) => r.id === response.id);
      const record = stored ? { ...response, snoozedUntil: stored.snoozedUntil, chases: stored.chases } : response;
      return ok({ collection: 'returnResponses', entity: 'returnResponse', record });
    }
    case 'returnResponse.snooze': {
      const request = askedOf(db, command.returnId, command.agencyId);
      if (!request.success) return request;
      const allowed = canSubmitReturn(db, actor, request.data, command.agencyId);
      if (!allowed.success) return allowed;
      const existing = db.returnResponses.find((r) => r.id === responseId(command.returnId, command.agencyId)) ?? notReceived(command.returnId, command.agencyId);
      if (existing.snoozedUntil === command.until) return ok(null);
      return ok({ collection: 'returnResponses', entity: 'returnResponse', record: { ...existing, snoozedUntil: command.until } });
    }
    case 'returnResponse.chase': {
      const allowed = canAdminister(db, actor);
      if (!allowed.success) return allowed;
      const request = askedOf(db, command.returnId, command.agencyId);
      if (!request.success) return request;
      const ask = request.data.agencies.find((a) => a.agencyId === command.agencyId)!;
      const contact = ask.contactId === null ? undefined : db.people.find((p) => p.id === ask.contactId && p.active);
      if (!contact) return fail('return.no_contact', `${request.data.title}: ${agencyName(db, command.agencyId)} has no active contact to chase; name one with \`ptrack import returns\`.`);
      const existing = db.returnResponses.find((r) => r.id === responseId(command.returnId, command.agencyId)) ?? notReceived(command.returnId, command.agencyId);
      if (existing.state === 'received' && existing.review !== 'sent-back') {
        return fail('return.already_received', `${request.data.title}: ${agencyName(db, command.agencyId)}'s return came on ${existing.receivedOn}; there is nothing to chase.`);
      }
      return ok({ collection: 'returnResponses', entity: 'returnResponse', record: { ...existing, chases: [...existing.chases, { at, byId: by }] } });
    }
    case 'returnResponse.submit': {
      const request = askedOf(db, command.returnId, command.agencyId);
      if (!request.success) return request;
      const allowed = canSubmitReturn(db, actor, request.data, command.agencyId);
      if (!allowed.success) return allowed;
      const id = responseId(command.returnId, command.agencyId);
      const existing = db.returnResponses.find((r) => r.id === id);
      if (existing && existing.state === 'received' && existing.link === command.link && existing.review !== 'sent-back') return ok(null);
      if (existing?.review === 'accepted') return fail('return.already_accepted', `${request.data.title}: ${agencyName(db, command.agencyId)}'s return was accepted on ${existing.reviewedOn}; ask the business team to change it.`);
      const record = ReturnResponse.parse({
        id,
        returnId: command.returnId,
        agencyId: command.agencyId,
        state: 'received',
        receivedOn: today,
        receivedById: byPersonId,
        link: command.link,
        ratings: existing?.ratings ?? [],
        snoozedUntil: existing?.snoozedUntil ?? null,
        chases: existing?.chases ?? [],
      });
      return ok({ collection: 'returnResponses', entity: 'returnResponse', record });
    }
    case 'returnResponse.review': {
      const allowed = canAdminister(db, actor);
      if (!allowed.success) return allowed;
      const request = askedOf(db, command.returnId, command.agencyId);
      if (!request.success) return request;
      const existing = db.returnResponses.find((r) => r.id === responseId(command.returnId, command.agencyId));
      if (!existing || existing.state === 'not-received') {
        return fail('return.nothing_received', `${request.data.title}: nothing has come from ${agencyName(db, command.agencyId)} to accept or send back.`);
      }
      if (command.decision === 'sent-back' && command.note === null) return fail('return.note_needed', `Say what ${agencyName(db, command.agencyId)}'s return needs: the note goes back with it.`);
      if (existing.review === command.decision && existing.reviewNote === (command.note ?? existing.reviewNote)) return ok(null);
      const record: ReturnResponse = { ...existing, review: command.decision, reviewNote: command.note, reviewedOn: today };
      return ok({ collection: 'returnResponses', entity: 'returnResponse', record });
    }
  }
}

/** The response of an agency from which nothing has come yet. */
function notReceived(returnId: string, agencyId: string): ReturnResponse {
  return ReturnResponse.parse({ id: responseId(returnId, agencyId), returnId, agencyId, state: 'not-received' });
}

/** The return `returnId`, if `agencyId` is among the agencies it was asked of. */
function askedOf(db: Database, returnId: string, agencyId: string): Result<ReturnRequest> {
  const request = db.returns.find((r) => r.id === returnId);
  if (!request) return fail('return.not_found', `There is no return "${returnId}".`);
  if (!request.agencies.some((a) => a.agencyId === agencyId)) return fail('return.not_asked', `${request.title} was not asked of ${agencyName(db, agencyId)}.`);
  return ok(request);
}
