import { fail, ok, type Result } from '../base/result.js';
import { CURRENT_SCHEMA_VERSION } from './database.js';

/** Turns a parsed data file of version N into version N + 1. */
export type Migration = (data: Record<string, unknown>) => Record<string, unknown>;

/**
 * Version 2 stamps every register line with the agency it counts for. Version 1 looked the
 * agency up from the person (or the person deputised for) on every calculation, so the stamp is
 * taken from the people as the file holds them: every table comes out as it did, once, and from
 * then on a person's move no longer changes them.
 */
const stampRegisterLines: Migration = (data) => {
  if (!Array.isArray(data.attendance)) return data;
  const agencyOf = new Map<unknown, unknown>();
  for (const person of Array.isArray(data.people) ? data.people : []) {
    if (isRecord(person)) agencyOf.set(person.id, person.agencyId ?? null);
  }
  // Anything that is not a record is passed on as it is, for the schema to refuse with its place.
  const attendance = data.attendance.map((line: unknown) => {
    if (!isRecord(line)) return line;
    const counted = line.deputisingForId ?? line.personId ?? null;
    return { ...line, agencyId: counted === null ? null : (agencyOf.get(counted) ?? null) };
  });
  return { ...data, attendance };
};

/**
 * Version 3 lets an agency name its predecessors and a spending line its category's former
 * names, for comparing years. A file from before has none recorded: every line compares as it
 * did, and every table is what it was.
 */
const noRenamesYet: Migration = (data) => ({
  ...data,
  ...(Array.isArray(data.agencies) ? { agencies: data.agencies.map((agency: unknown) => (isRecord(agency) ? { predecessorIds: [], ...agency } : agency)) } : {}),
  ...(Array.isArray(data.expenditure) ? { expenditure: data.expenditure.map((line: unknown) => (isRecord(line) ? { formerNames: [], ...line } : line)) } : {}),
});

/**
 * Version 4 adds the reviews register, the registers a subgroup holds and the partnership's
 * review timescales. A file from before has no reviews, no group holding a register (so only the
 * business team maintains them) and Working Together's timescales; its tables are what they were.
 * The version changes so that an older program refuses the file rather than drop its reviews.
 */
const noRegistersYet: Migration = (data) => ({
  ...data,
  reviews: [],
  ...(Array.isArray(data.subgroups) ? { subgroups: data.subgroups.map((subgroup: unknown) => (isRecord(subgroup) ? { maintains: [], ...subgroup } : subgroup)) } : {}),
});

/** An ICB, or the CCG before it, as a register names it. */
const ICB_NAME = /\b(ICB|CCG)\b|integrated care board|clinical commissioning group/i;

/**
 * Version 5 makes a statutory role mean the statutory partner organisation (or a part of it).
 * Before, every NHS body was often marked `health`, so provider trusts counted as the health
 * partner. Where the register has an ICB (or CCG) with the health role, every other `health`
 * agency outside it becomes a relevant agency. Quorum counted them for health, and past meetings
 * must stay quorate as they were, so they keep standing for health at meetings (`quorumRole`).
 * A register with no recognisable ICB is left as it is: nothing says which body is the partner.
 */
const icbIsTheHealthPartner: Migration = (data) => {
  if (!Array.isArray(data.agencies)) return data;
  const records = data.agencies.filter(isRecord);
  const byId = new Map(records.map((agency) => [agency.id, agency]));
  const isIcb = (agency: Record<string, unknown>) =>
    [agency.name, ...(Array.isArray(agency.aliases) ? agency.aliases : [])].some((name) => typeof name === 'string' && ICB_NAME.test(name));
  const withinIcb = (agency: Record<string, unknown>) => {
    const seen = new Set<unknown>();
    for (let at: Record<string, unknown> | undefined = agency; at && !seen.has(at.id); at = byId.get(at.parentId)) {
      if (isIcb(at)) return true;
      seen.add(at.id);
    }
    return false;
  };
  if (!records.some((agency) => agency.statutoryRole === 'health' && isIcb(agency))) return data;
  const agencies = data.agencies.map((agency: unknown) =>
    isRecord(agency) && agency.statutoryRole === 'health' && !withinIcb(agency) ? { ...agency, statutoryRole: 'none', quorumRole: agency.quorumRole ?? 'health' } : agency,
  );
  return { ...data, agencies };
};

/**
 * Version 6 lets the partnership say which chat service a person's reminders go to
 * (`Person.preferredChat`). A file from before has said so for no one: reminders go where they
 * went, to the service each person last began talking to the bot in. The same version brings the
 * training figures (courses, bookings, eLearning results, last year's rates), empty in a file from
 * before; so an older program refuses a file holding them rather than drop them on its next write.
 */
const noChatPreferenceYet: Migration = (data) =>
  Array.isArray(data.people) ? { ...data, people: data.people.map((person: unknown) => (isRecord(person) ? { preferredChat: null, ...person } : person)) } : data;

/**
 * Version 7 adds the Quality Assurance Group's audit programme, the partnership's standing audit
 * questions and targets, and the inspections register. A file from before has no audits,
 * questions, targets or inspections; its tables are what they were. The version changes so that
 * an older program refuses the file rather than drop them on its next write.
 */
const noAuditsYet: Migration = (data) => ({
  ...data,
  audits: [],
  inspections: [],
  ...(isRecord(data.partnership) ? { partnership: { auditProgramme: { standingQuestions: [], targets: [] }, ...data.partnership } } : {}),
});

/**
 * Version 8 brings the returns the partnership asks its agencies for, and their responses. A file
 * from before has asked for none, and its tables are what they were; the version changes so that
 * an older program refuses a file holding returns rather than drop them on its next write.
 */
const noReturnsYet: Migration = (data) => ({ ...data, returns: [], returnResponses: [] });

/**
 * Version 9 adds the challenge and escalation log, empty in a file from before; the version
 * changes so that an older program refuses a file holding challenges rather than drop them.
 */
const noChallengeLogYet: Migration = (data) => ({ ...data, challenges: [] });

/**
 * Version 10 calls the reminders' note to a chair of an action 14 days overdue an overdue alert,
 * not an escalation, which is the challenge log's protocol. Its outbox keys change prefix with it
 * (`escalation:A-1:2026-07-14` becomes `overdue-alert:A-1:2026-07-14`), so an alert sent before
 * is known as sent and not sent again. The audit keeps the keys it was written with.
 */
const overdueAlertKeys: Migration = (data) => {
  if (!Array.isArray(data.outbox)) return data;
  const renamed = (key: string) => (key.startsWith('escalation:') ? `overdue-alert:${key.slice('escalation:'.length)}` : key);
  return { ...data, outbox: data.outbox.map((message: unknown) => (isRecord(message) && typeof message.key === 'string' ? { ...message, key: renamed(message.key) } : message)) };
};

/**
 * Version 11 lets an action have several lead agencies (`leadAgencyIds`, the principal one first),
 * for a finding that is for the partnership and individual agencies. An action of a file from
 * before keeps its one lead agency, or none.
 */
const leadAgenciesAsList: Migration = (data) => {
  if (!Array.isArray(data.actions)) return data;
  const actions = data.actions.map((action: unknown) => {
    if (!isRecord(action) || 'leadAgencyIds' in action) return action;
    const { leadAgencyId, ...rest } = action;
    return { ...rest, leadAgencyIds: typeof leadAgencyId === 'string' ? [leadAgencyId] : [] };
  });
  return { ...data, actions };
};

/** The migrations from each older schema version, keyed by the version they upgrade from. */
export const migrations: Readonly<Record<number, Migration>> = {
  1: stampRegisterLines,
  2: noRenamesYet,
  3: noRegistersYet,
  4: icbIsTheHealthPartner,
  5: noChatPreferenceYet,
  6: noAuditsYet,
  7: noReturnsYet,
  8: noChallengeLogYet,
  9: overdueAlertKeys,
  10: leadAgenciesAsList,
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
/** Brings a data file up to the current schema version, or says why it cannot. */
export function migrate(
  data: unknown,
  steps: Readonly<Record<number, Migration>> = migrations,
  target: number = CURRENT_SCHEMA_VERSION,
): Result<{ data: Record<string, unknown>; from: number }> {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return fail('store.not_an_object', 'the file does not hold a JSON object');
  }
  let current = data as Record<string, unknown>;
  const from = current.version;
  if (typeof from !== 'number' || !Number.isInteger(from)) {
    return fail('store.no_version', 'version: missing or not a whole number');
  }
  if (from > target) {
    return fail('store.newer_version', `version: ${from} is newer than this program understands (${target}); upgrade Partnership Tracker`);
  }
  for (let version = from; version < target; version++) {
    const step = steps[version];
    if (!step) return fail('store.no_migration', `version: no migration from ${version} to ${version + 1}`);
    current = { ...step(current), version: version + 1 };
  }
  return ok({ data: current, from });
}
