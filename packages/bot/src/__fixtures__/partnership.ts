import { emptyDatabase, MemoryStore, unwrap, type CommandInput } from '@partnership-tracker/core';

/** Teams identities of the fixture's people. */
export const AAD = {
  chair: 'aad-chair-0001',
  owner: 'aad-owner-0002',
  colleague: 'aad-colleague-0003',
  business: 'aad-business-0004',
  stranger: 'aad-stranger-9999',
} as const;

/** The moment the fixture's tests happen: Tuesday 10 June 2025, 10:00 in London. */
export const NOW = new Date('2025-06-10T09:00:00Z');

/**
 * A small partnership: three agencies in the Quality Assurance Group (chaired by `chair`),
 * a held meeting, a meeting still to come and a cancelled one, and actions owned by `owner`.
 */
export async function fixtureStore(): Promise<MemoryStore> {
  const store = new MemoryStore(emptyDatabase({ name: 'Example SCP', area: 'Exampleton' }));
  const person = (id: string, name: string, agencyId: string | null, teams: string | null, extra: Record<string, unknown> = {}) => ({
    type: 'person.upsert' as const,
    person: { id, name, email: `${id}@example.org`, agencyId, teamsAadObjectId: teams, ...extra },
  });
  const commands: CommandInput[] = [
    { type: 'agency.upsert', agency: { id: 'council', name: 'Exampleton Council', sector: 'local-authority', statutoryRole: 'local-authority' } },
    { type: 'agency.upsert', agency: { id: 'icb', name: 'Example ICB', sector: 'health', statutoryRole: 'health' } },
    { type: 'agency.upsert', agency: { id: 'police', name: 'Example Police', sector: 'police', statutoryRole: 'police' } },
    person('chair', 'QAG Chair', 'council', AAD.chair, { roleTitles: ['Head of Quality Assurance'] }),
    person('council-officer', 'Council Officer', 'council', null),
    person('owner', 'Action Owner', 'icb', AAD.owner),
    person('colleague', 'ICB Colleague', 'icb', AAD.colleague),
    person('police-lead', 'Police Lead', 'police', null),
    person('business', 'Business Manager', null, AAD.business, { roles: ['business-team'] }),
    {
      type: 'subgroup.upsert',
      subgroup: {
        id: 'qag',
        name: 'Quality Assurance Group',
        shortName: 'QAG',
        chairId: 'chair',
        members: [
          { agencyId: 'council', joined: '2024-04-01' },
          { agencyId: 'icb', joined: '2024-04-01' },
          { agencyId: 'police', joined: '2024-04-01' },
        ],
      },
    },
    { type: 'subgroup.upsert', subgroup: { id: 'review', name: 'Review Group', shortName: 'Review', chairId: 'business', members: [{ agencyId: 'council', joined: '2024-04-01' }] } },
    { type: 'meeting.upsert', meeting: { id: 'qag-2025-05-20', subgroupId: 'qag', start: '2025-05-20T09:00:00Z', end: '2025-05-20T11:00:00Z' } },
    { type: 'meeting.upsert', meeting: { id: 'qag-2025-06-03', subgroupId: 'qag', start: '2025-06-03T09:00:00Z', end: '2025-06-03T11:00:00Z', status: 'cancelled' } },
    { type: 'meeting.upsert', meeting: { id: 'qag-2025-07-15', subgroupId: 'qag', start: '2025-07-15T09:00:00Z', end: '2025-07-15T11:00:00Z' } },
    { type: 'plan.upsert', plan: { id: 'plan-2025-27', name: 'Business plan 2025–27', start: '2025-04-01', end: '2027-03-31' } },
    { type: 'action.create', action: { ref: 'A-1', planId: 'plan-2025-27', title: 'Refresh the neglect strategy', ownerId: 'owner', due: '2025-09-30', status: 'on-track', progress: 40 } },
    { type: 'action.create', action: { ref: 'A-2', planId: 'plan-2025-27', title: 'Audit ICB safeguarding training', ownerId: 'owner', due: '2025-06-01', status: 'at-risk', progress: 20 } },
    { type: 'action.create', action: { ref: 'A-3', planId: 'plan-2025-27', title: 'Publish the annual report', ownerId: 'colleague', due: '2025-07-31' } },
    { type: 'action.create', action: { ref: 'A-4', planId: 'plan-2025-27', title: 'Close the old plan', ownerId: 'owner', due: '2025-05-01', status: 'complete', progress: 100 } },
  ];
  unwrap(await store.commit(commands, { actor: { kind: 'system', name: 'fixture' }, at: '2025-04-01T08:00:00Z' }));
  return store;
}
