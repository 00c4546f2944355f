import { fail, ok, type Database, type Result, type ReturnRequest, type Store } from '@partnership-tracker/core';
import { AgencyDirectory } from '../import/index.js';
import { findReturn } from '../import/entities/returns.js';
import { commitAs } from './actor.js';

/** Which agency's response to which return: as the business team types them. */
export interface ReturnAgencyRequest {
  readonly returnName: string;
  readonly agencyName: string;
  readonly asEmail?: string;
}

/** The return and agency named, the agency being one the return was asked of. */
function resolve(db: Database, request: ReturnAgencyRequest): Result<{ request: ReturnRequest; agencyId: string; agencyName: string }> {
  const found = findReturn(db, request.returnName);
  if (!found) return fail('input.unknown_return', `--return ${request.returnName}: there is no such return (there are: ${db.returns.map((r) => r.title).join('; ') || 'none yet'}).`);
  const agency = new AgencyDirectory(db.agencies).find(request.agencyName);
  if (!agency) return fail('input.unknown_agency', `--agency ${request.agencyName}: there is no such agency in the register.`);
  return ok({ request: found, agencyId: agency.id, agencyName: agency.name });
}

/**
 * Chases an agency's contact for a return by hand: recorded on the agency's response, and sent
 * once by the bot at its next tick through the outbox, as every reminder is.
 */
export async function chaseReturn(store: Store, request: ReturnAgencyRequest, at: string): Promise<Result<string>> {
  const db = await store.read();
  const named = resolve(db, request);
  if (!named.success) return named;
  const { request: found, agencyId, agencyName } = named.data;
  const committed = await commitAs(store, request.asEmail, [{ type: 'returnResponse.chase', returnId: found.id, agencyId }], at);
  if (!committed.success) return committed;
  const contactId = found.agencies.find((a) => a.agencyId === agencyId)?.contactId;
  const contact = db.people.find((p) => p.id === contactId);
  return ok(`Queued a chase to ${contact?.name ?? 'the contact'} (${contact?.email ?? '?'}) for ${agencyName}'s ${found.title}: the bot sends it once, at its next tick.`);
}

/** Pauses the chases to an agency's contact for a return until a day (null: chase again). */
export async function snoozeReturn(store: Store, request: ReturnAgencyRequest & { readonly until: string | null }, at: string): Promise<Result<string>> {
  const db = await store.read();
  const named = resolve(db, request);
  if (!named.success) return named;
  const { request: found, agencyId, agencyName } = named.data;
  const committed = await commitAs(store, request.asEmail, [{ type: 'returnResponse.snooze', returnId: found.id, agencyId, until: request.until }], at);
  if (!committed.success) return committed;
  return ok(
    request.until === null
      ? `${agencyName}'s contact is chased again for ${found.title}.`
      : `No chases to ${agencyName}'s contact for ${found.title} until ${request.until}; the chair is still told if it stays overdue.`,
  );
}
