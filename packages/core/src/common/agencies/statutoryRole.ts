import type { Database } from '../store/database.js';
import type { Agency, QuorumRole, StatutoryRole } from './agency.js';

/**
 * The statutory partner organisation an agency is or is part of: the outermost agency up its
 * parent chain that has a statutory role, so a council's departments roll up to the council;
 * undefined for a relevant agency (a provider trust, a school) or a reporting role.
 */
export function statutoryPartnerOf(db: Database, agencyId: string): Agency | undefined {
  let partner: Agency | undefined;
  for (const agency of chainOf(db, agencyId)) {
    if (agency.statutoryRole !== 'none') partner = agency;
  }
  return partner;
}

/** The statutory partner an agency counts towards: its partner organisation's role, else `none`. */
export function statutoryRoleOf(db: Database, agencyId: string): StatutoryRole {
  return statutoryPartnerOf(db, agencyId)?.statutoryRole ?? 'none';
}

/**
 * The statutory partner an agency stands for at a meeting whose quorum needs all three: its own
 * `quorumRole` or statutory role, else its parent's (and so on up); null if none.
 */
export function quorumRoleOf(db: Database, agencyId: string): QuorumRole | null {
  for (const agency of chainOf(db, agencyId)) {
    if (agency.quorumRole !== null) return agency.quorumRole;
    if (agency.statutoryRole !== 'none') return agency.statutoryRole;
  }
  return null;
}

/** The agency and its parents, innermost first; a cycle in the data ends the chain. */
function chainOf(db: Database, agencyId: string): Agency[] {
  const chain: Agency[] = [];
  const seen = new Set<string>();
  let agency: Agency | undefined = db.agencies.find((a) => a.id === agencyId);
  while (agency && !seen.has(agency.id)) {
    chain.push(agency);
    seen.add(agency.id);
    const parentId = agency.parentId;
    agency = parentId === null ? undefined : db.agencies.find((a) => a.id === parentId);
  }
  return chain;
}
