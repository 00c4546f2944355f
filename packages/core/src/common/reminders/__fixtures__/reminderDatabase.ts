import { CURRENT_SCHEMA_VERSION, Database } from '../../store/database.js';

/** An action as a test writes it: everything but the ref, due date and owner has a default. */
export type ActionInput = {
  ref: string;
  title?: string;
  due: string;
  ownerId: string | null;
  leadAgencyId?: string | null;
  planId?: string;
  status?: string;
  progress?: number;
  createdAt?: string;
  updates?: string[];
  snoozedUntil?: string | null;
};

function action(input: ActionInput) {
  const createdAt = input.createdAt ?? '2026-01-05T10:00:00Z';
  const status = input.status ?? 'on-track';
  const progress = input.progress ?? 40;
  const updates = input.updates ?? [];
  return {
    ref: input.ref,
    planId: input.planId ?? 'plan-2025-27',
    title: input.title ?? `Action ${input.ref}`,
    ownerId: input.ownerId,
    leadAgencyIds: input.leadAgencyId ? [input.leadAgencyId] : [],
    due: input.due,
    status,
    progress,
    snoozedUntil: input.snoozedUntil ?? null,
    createdAt,
    // The last entry carries the action's status and progress, as the schema requires.
    history:
      updates.length === 0
        ? [{ at: createdAt, byId: 'system:cli', progress, status, note: 'Created' }]
        : [
            { at: createdAt, byId: 'system:cli', progress: 0, status: 'not-started', note: 'Created' },
            ...updates.map((at) => ({ at, byId: input.ownerId ?? 'system:cli', progress, status, note: null })),
          ],
  };
}

/**
 * A small partnership whose actions, meetings and quarters exercise every reminder rule in 2026.
 * Subgroups: the Executive (channel bound), QAG (schools sit only here), Learning (police and the
 * voluntary sector).
 */
export function reminderDatabase(overrides: { actions?: ActionInput[] } = {}): Database {
  // Parsed, so every default is filled in exactly as the store would.
  return Database.parse({
    version: CURRENT_SCHEMA_VERSION,
    partnership: { name: 'Test Partnership', area: 'Testshire', timeZone: 'Europe/London' },
    agencies: [
      { id: 'council', name: 'Testshire Council', sector: 'local-authority', statutoryRole: 'local-authority' },
      { id: 'police', name: 'Testshire Police', sector: 'police', statutoryRole: 'police' },
      { id: 'icb', name: 'Testshire ICB', sector: 'health', statutoryRole: 'health' },
      { id: 'schools', name: 'Testshire Schools', sector: 'education' },
      { id: 'vcs', name: 'Voluntary Sector Forum', sector: 'voluntary-community' },
    ],
    people: [
      { id: 'exec-chair', name: 'Erin Exec', email: 'erin@example.org', agencyId: 'council' },
      { id: 'qag-chair', name: 'Quinn Chair', email: 'quinn@example.org', agencyId: 'icb' },
      { id: 'learning-chair', name: 'Lee Learning', email: 'lee@example.org', agencyId: 'vcs' },
      { id: 'learning-deputy', name: 'Dee Deputy', email: 'dee@example.org', agencyId: 'vcs' },
      { id: 'jo', name: 'Jo Owner', email: 'jo@example.org', agencyId: 'schools' },
      { id: 'sam', name: 'Sam Owner', email: 'sam@example.org', agencyId: 'police' },
      { id: 'gone', name: 'Gone Away', email: 'gone@example.org', agencyId: 'council', active: false },
    ],
    subgroups: [
      {
        id: 'executive',
        name: 'Executive',
        shortName: 'Exec',
        kind: 'executive',
        chairId: 'exec-chair',
        members: ['council', 'police', 'icb'].map((agencyId) => ({ agencyId, joined: '2024-04-01' })),
        channel: { kind: 'teams', conversationId: '19:exec@thread.tacv2', boundBy: 'exec-chair', boundAt: '2026-01-05T10:00:00Z' },
      },
      {
        id: 'qag',
        name: 'Quality Assurance Group',
        shortName: 'QAG',
        chairId: 'qag-chair',
        members: ['council', 'police', 'icb', 'schools'].map((agencyId) => ({ agencyId, joined: '2024-04-01' })),
      },
      {
        id: 'learning',
        name: 'Learning and Development',
        shortName: 'L&D',
        chairId: 'learning-chair',
        deputyChairId: 'learning-deputy',
        members: ['police', 'vcs'].map((agencyId) => ({ agencyId, joined: '2024-04-01' })),
      },
    ],
    plans: [
      { id: 'plan-2025-27', name: 'Business plan 2025–27', start: '2025-04-01', end: '2027-03-31' },
      { id: 'plan-draft', name: 'Draft plan', start: '2027-04-01', end: '2029-03-31', status: 'draft' },
    ],
    actions: (
      overrides.actions ?? [
        // Due Tuesday 30 June 2026; updated in May, so not stale in Q1; lead agency on QAG only.
        { ref: 'A-1', title: 'Audit of strategy meeting minutes', due: '2026-06-30', ownerId: 'jo', leadAgencyId: 'schools', updates: ['2026-05-01T09:00:00Z'] },
        // Due Good Friday 2026; never updated; police sit on QAG and Learning, so the Executive hears.
        { ref: 'A-2', due: '2026-04-03', ownerId: 'sam', leadAgencyId: 'police' },
        // Snoozed until Friday 10 July.
        { ref: 'A-3', due: '2026-06-30', ownerId: 'jo', leadAgencyId: 'schools', snoozedUntil: '2026-07-10' },
        { ref: 'A-4', due: '2026-06-30', ownerId: 'jo', status: 'complete', progress: 100 },
        { ref: 'A-5', due: '2026-06-30', ownerId: 'jo', planId: 'plan-draft' },
        // Owner has left: no reminders, but the chair still hears when it is overdue; Learning is the vcs's only subgroup.
        { ref: 'A-6', due: '2026-06-30', ownerId: 'gone', leadAgencyId: 'vcs' },
        // Created ten days before it is due: no "due in 14 days" for it.
        { ref: 'A-7', due: '2026-06-30', ownerId: 'sam', createdAt: '2026-06-20T10:00:00Z' },
        { ref: 'A-10', due: '2027-01-29', ownerId: 'jo' },
        { ref: 'A-8', due: '2026-12-31', ownerId: 'jo', status: 'at-risk', progress: 10 },
      ]
    ).map(action),
    meetings: [
      // 10:00–12:00 BST on Wednesday 10 June 2026, no register.
      { id: 'qag-2026-06-10', subgroupId: 'qag', start: '2026-06-10T09:00:00Z', end: '2026-06-10T11:00:00Z', status: 'held' },
      // A Saturday meeting: the prompt still goes an hour after it ends.
      { id: 'learning-2026-06-13', subgroupId: 'learning', start: '2026-06-13T09:00:00Z', end: '2026-06-13T10:00:00Z' },
      // Register recorded: no prompt.
      { id: 'qag-2026-06-11', subgroupId: 'qag', start: '2026-06-11T09:00:00Z', end: '2026-06-11T10:00:00Z', status: 'held' },
      // Cancelled: no prompt.
      { id: 'exec-2026-06-12', subgroupId: 'executive', start: '2026-06-12T09:00:00Z', end: '2026-06-12T10:00:00Z', status: 'cancelled' },
      // Held in Q4 2025/26, for the digest.
      { id: 'exec-2026-02-10', subgroupId: 'executive', start: '2026-02-10T10:00:00Z', end: '2026-02-10T12:00:00Z', status: 'held' },
    ],
    attendance: [
      {
        id: 'qag-2026-06-11/qag-chair',
        meetingId: 'qag-2026-06-11',
        personId: 'qag-chair',
        status: 'present',
        agencyId: 'icb',
        recordedById: 'qag-chair',
        recordedAt: '2026-06-11T10:30:00Z',
      },
    ],
  });
}
