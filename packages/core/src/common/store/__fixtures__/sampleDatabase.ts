import type { Actor } from '../../audit/auditEntry.js';
import type { ChangeContext } from '../applyCommands.js';
import { CURRENT_SCHEMA_VERSION, Database } from '../database.js';

/** The moment "now" in store tests: 1 June 2025, between the held meeting and the future one. */
export const NOW = '2025-06-01T10:00:00.000Z';

/** Actors of the sample partnership, by the part they play. */
export const actors = {
  /** Chair of the Quality Assurance Group. */
  chair: { kind: 'person', personId: 'chloe-chair' },
  /** Deputy chair of the Quality Assurance Group. */
  deputy: { kind: 'person', personId: 'dev-deputy' },
  /** Owns action A-1; no partnership role. */
  owner: { kind: 'person', personId: 'olu-owner' },
  /** A member of the business team. */
  businessTeam: { kind: 'person', personId: 'bea-business' },
  /** A partner with no role in QAG and no actions. */
  bystander: { kind: 'person', personId: 'ben-bystander' },
  /** Left the partnership: the record is kept, the rights are not. */
  leaver: { kind: 'person', personId: 'lee-leaver' },
  /** Nobody the partnership knows. */
  stranger: { kind: 'person', personId: 'sam-stranger' },
  cli: { kind: 'system', name: 'cli' },
  scheduler: { kind: 'system', name: 'scheduler' },
} satisfies Record<string, Actor>;

/** A change context: who, at NOW unless said otherwise. */
export function by(actor: Actor, at: string = NOW): ChangeContext {
  return { actor, at };
}

/**
 * A small partnership: two agencies, the QAG subgroup chaired by Chloe, a meeting held last
 * month, a cancelled one and one next month, and a plan whose action A-1 Olu owns.
 */
export function sampleDatabase(): Database {
  return Database.parse({
    version: CURRENT_SCHEMA_VERSION,
    revision: 0,
    partnership: { name: 'Croydon Safeguarding Children Partnership', area: 'Croydon' },
    agencies: [
      { id: 'council', name: 'Croydon Council', sector: 'local-authority', statutoryRole: 'local-authority' },
      { id: 'police', name: 'Metropolitan Police', sector: 'police', statutoryRole: 'police' },
    ],
    people: [
      { id: 'chloe-chair', name: 'Chloe Chair', email: 'chloe@council.example', agencyId: 'council' },
      { id: 'dev-deputy', name: 'Dev Deputy', email: 'dev@police.example', agencyId: 'police' },
      { id: 'olu-owner', name: 'Olu Owner', email: 'olu@council.example', agencyId: 'council' },
      { id: 'bea-business', name: 'Bea Business', email: 'bea@council.example', agencyId: 'council', roles: ['business-team'] },
      { id: 'ben-bystander', name: 'Ben Bystander', email: 'ben@police.example', agencyId: 'police' },
      { id: 'lee-leaver', name: 'Lee Leaver', email: 'lee@council.example', agencyId: 'council', roles: ['business-team'], active: false },
    ],
    subgroups: [
      {
        id: 'qag',
        name: 'Quality Assurance Group',
        shortName: 'QAG',
        chairId: 'chloe-chair',
        deputyChairId: 'dev-deputy',
        members: [
          { agencyId: 'council', joined: '2024-04-01' },
          { agencyId: 'police', joined: '2024-04-01' },
        ],
      },
    ],
    meetings: [
      { id: 'qag-2025-05', subgroupId: 'qag', start: '2025-05-14T09:30:00.000Z', end: '2025-05-14T11:00:00.000Z' },
      { id: 'qag-2025-04', subgroupId: 'qag', start: '2025-04-09T09:30:00.000Z', end: '2025-04-09T11:00:00.000Z', status: 'cancelled' },
      { id: 'qag-2025-07', subgroupId: 'qag', start: '2025-07-09T09:30:00.000Z', end: '2025-07-09T11:00:00.000Z' },
    ],
    plans: [
      {
        id: 'plan-2025-27',
        name: '2025–27',
        start: '2025-04-01',
        end: '2027-03-31',
        priorities: [{ id: 'neglect', title: 'Neglect' }],
      },
    ],
    actions: [
      {
        ref: 'A-1',
        planId: 'plan-2025-27',
        priorityId: 'neglect',
        title: 'Roll out the neglect toolkit',
        ownerId: 'olu-owner',
        due: '2025-09-30',
        status: 'not-started',
        progress: 0,
        createdAt: '2025-04-01T09:00:00.000Z',
        history: [{ at: '2025-04-01T09:00:00.000Z', byId: 'system:cli', progress: 0, status: 'not-started', note: 'Created' }],
      },
    ],
  });
}
