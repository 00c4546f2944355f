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
  await addLastYear(store);
  return store;
}

/** 2024/25, for the reports: a plan, its actions' history, a Q4 meeting with its register, and the year's funding. */
async function addLastYear(store: MemoryStore): Promise<void> {
  const at = (instant: string) => ({ actor: { kind: 'system' as const, name: 'fixture' }, at: instant });
  unwrap(
    await store.commit(
      [
        { type: 'plan.upsert', plan: { id: 'plan-2024-25', name: 'Business plan 2024/25', start: '2024-04-01', end: '2025-03-31', priorities: [{ id: 'neglect', title: 'Neglect' }] } },
        { type: 'action.create', action: { ref: 'B-1', planId: 'plan-2024-25', priorityId: 'neglect', title: 'Launch the neglect toolkit', ownerId: 'owner', due: '2025-01-31' } },
        { type: 'action.create', action: { ref: 'B-2', planId: 'plan-2024-25', priorityId: 'neglect', title: 'Train GPs on neglect', ownerId: 'colleague', due: '2025-02-28' } },
        { type: 'action.create', action: { ref: 'B-3', planId: 'plan-2024-25', priorityId: 'neglect', title: 'Audit neglect referrals', ownerId: 'owner', due: '2025-06-30' } },
        { type: 'contribution.upsert', contribution: { id: 'c-council', financialYear: '2024/25', agencyId: 'council', amountPence: 5_000_000 } },
        { type: 'contribution.upsert', contribution: { id: 'c-icb', financialYear: '2024/25', agencyId: 'icb', amountPence: 3_000_000 } },
        { type: 'contribution.upsert', contribution: { id: 'c-police', financialYear: '2024/25', agencyId: 'police', amountPence: 2_000_000, state: 'pledged' } },
        { type: 'expenditure.upsert', expenditure: { id: 'e-staff', financialYear: '2024/25', category: 'Staffing', amountPence: 7_000_000 } },
        { type: 'expenditure.upsert', expenditure: { id: 'e-training', financialYear: '2024/25', category: 'Training', amountPence: 1_000_000 } },
        { type: 'meeting.upsert', meeting: { id: 'qag-2025-02-11', subgroupId: 'qag', start: '2025-02-11T10:00:00Z', end: '2025-02-11T12:00:00Z' } },
      ],
      at('2024-04-01T08:00:00Z'),
    ),
  );
  unwrap(await store.commit([{ type: 'action.update', ref: 'B-1', status: 'complete' }, { type: 'action.update', ref: 'B-3', progress: 30, status: 'at-risk' }], at('2024-12-15T10:00:00Z')));
  unwrap(
    await store.commit(
      [
        {
          type: 'attendance.record',
          meetingId: 'qag-2025-02-11',
          entries: [
            { personId: 'chair', status: 'present' },
            { personId: 'owner', status: 'present' },
            { personId: 'colleague', status: 'present' },
            { personId: 'police-lead', status: 'apologies' },
          ],
        },
      ],
      at('2025-02-11T12:30:00Z'),
    ),
  );
}

/**
 * A large partnership for the card size limits: `agencies` agencies, every one a member of each of
 * `groups` groups, each group meeting once in 2024/25 Q4 where every third agency sent nobody
 * (so a third are below the threshold); an income line per agency for 2024/25; and `overdue`
 * actions overdue at the end of Q4, with titles as long as real ones. Each agency has
 * `peoplePerAgency` people (one by default); representative n of agency n talks to the bot as
 * `aad-rep-n`, and representative 1 chairs every group.
 */
export async function largePartnershipStore(size: { agencies: number; groups: number; overdue: number; peoplePerAgency?: number }): Promise<MemoryStore> {
  const store = new MemoryStore(emptyDatabase({ name: 'Large SCP', area: 'Largeton' }));
  const agencyIds = Array.from({ length: size.agencies }, (_, i) => `agency-${i + 1}`);
  const groupIds = Array.from({ length: size.groups }, (_, i) => `group-${i + 1}`);
  const commands: CommandInput[] = [
    ...agencyIds.flatMap((id, i): CommandInput[] => [
      { type: 'agency.upsert', agency: { id, name: `Largeton Partner Organisation ${i + 1}`, sector: 'voluntary-community' } },
      { type: 'person.upsert', person: { id: `rep-${i + 1}`, name: `Representative ${i + 1}`, email: `rep-${i + 1}@example.org`, agencyId: id, teamsAadObjectId: `aad-rep-${i + 1}` } },
      { type: 'contribution.upsert', contribution: { id: `c-${i + 1}`, financialYear: '2024/25', agencyId: id, amountPence: 100_000 * (i + 1) } },
      ...Array.from({ length: (size.peoplePerAgency ?? 1) - 1 }, (_, k): CommandInput => ({
        type: 'person.upsert',
        person: { id: `rep-${i + 1}-${k + 2}`, name: `Colleague ${k + 2} of Representative ${i + 1}`, email: `rep-${i + 1}-${k + 2}@example.org`, agencyId: id, roleTitles: ['Safeguarding lead'] },
      })),
    ]),
    ...groupIds.flatMap((id, g): CommandInput[] => [
      { type: 'subgroup.upsert', subgroup: { id, name: `Largeton Group ${g + 1}`, shortName: `G${g + 1}`, chairId: 'rep-1', members: agencyIds.map((agencyId) => ({ agencyId, joined: '2024-04-01' })) } },
      { type: 'meeting.upsert', meeting: { id: `${id}-2025-02`, subgroupId: id, start: '2025-02-11T10:00:00Z', end: '2025-02-11T12:00:00Z' } },
    ]),
    { type: 'plan.upsert', plan: { id: 'plan-2024-25', name: 'Business plan 2024/25', start: '2024-04-01', end: '2025-03-31' } },
    ...Array.from({ length: size.overdue }, (_, i): CommandInput => ({
      type: 'action.create',
      action: { ref: `L-${i + 1}`, planId: 'plan-2024-25', title: `Review how partner organisations share information when a child moves between areas (${i + 1})`, ownerId: 'rep-1', due: '2025-01-31' },
    })),
  ];
  unwrap(await store.commit(commands, { actor: { kind: 'system', name: 'fixture' }, at: '2024-04-01T08:00:00Z' }));
  const register: CommandInput[] = groupIds.map((id) => ({
    type: 'attendance.record',
    meetingId: `${id}-2025-02`,
    entries: agencyIds.flatMap((_, i) => (i % 3 === 2 ? [] : [{ personId: `rep-${i + 1}`, status: 'present' as const }])),
  }));
  unwrap(await store.commit(register, { actor: { kind: 'system', name: 'fixture' }, at: '2025-02-11T12:30:00Z' }));
  return store;
}
