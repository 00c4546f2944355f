import type { Database } from '../store/database.js';
import type { Agency, StatutoryRole } from './agency.js';

/** The statutory partner an agency counts towards: its own role, else its parent's (and so on up). */
export function statutoryRoleOf(db: Database, agencyId: string): StatutoryRole {
  const seen = new Set<string>();
  let agency: Agency | undefined = db.agencies.find((a) => a.id === agencyId);
  while (agency && !seen.has(agency.id)) {
    if (agency.statutoryRole !== 'none') return agency.statutoryRole;
    seen.add(agency.id);
    const parentId = agency.parentId;
    agency = parentId === null ? undefined : db.agencies.find((a) => a.id === parentId);
  }
  return 'none';
}
