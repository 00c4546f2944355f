import { fail, formatPence, incomeTable, ok, type Database, type Result, type Store } from '@partnership-tracker/core';
import { AgencyDirectory, findSubgroup, nameKey } from '../import/index.js';
import { commitAs } from './actor.js';

// Removals and corrections. Every other change ptrack makes is an upsert, which cannot take out
// a line entered by mistake: a zeroed amount still shows as a £0 line.

/** A line of a year's income or spending, named as the table shows it or by its id. */
export interface FundingLineRequest {
  readonly year: string;
  /** The line's label as `ptrack export income` shows it (income) or its category (spending), or its id. */
  readonly line: string;
  readonly asEmail?: string;
}

/** The one line `wanted` names among `lines`, or a message listing the candidates to choose between by id. */
function oneLine<T extends { id: string; amountPence: number }>(lines: readonly T[], wanted: string, label: (line: T) => string, what: string, year: string): Result<T> {
  const byId = lines.find((line) => line.id === wanted);
  if (byId) return ok(byId);
  const matching = lines.filter((line) => nameKey(label(line)) === nameKey(wanted));
  if (matching.length === 1) return ok(matching[0]!);
  if (matching.length === 0) {
    const known = lines.map((line) => `"${label(line)}"`).join(', ');
    return fail(`${what}.not_found`, `${year} has no ${what} line "${wanted}"; its lines are: ${known || 'none'}.`);
  }
  const listed = matching.map((line) => `${line.id} (${formatPence(line.amountPence)})`).join(', ');
  return fail(`${what}.ambiguous`, `${year} has ${matching.length} ${what} lines "${wanted}": ${listed}. Name the one to remove by its id.`);
}

/** Removes one income line of a year: the table no longer shows it, and the audit keeps it. */
export async function removeIncome(store: Store, request: FundingLineRequest, at: string): Promise<Result<string>> {
  const db = await store.read();
  const labels = new Map(incomeTable(db, request.year).lines.map((line) => [line.key, line.label]));
  const lines = db.contributions.filter((c) => c.financialYear === request.year);
  const label = (c: (typeof lines)[number]) => labels.get(c.id) ?? c.id;
  let line = oneLine(lines, request.line, label, 'income', request.year);
  // An agency's name or alias names its line too, when it gave one that year.
  const agency = line.success ? undefined : new AgencyDirectory(db.agencies).find(request.line);
  if (!line.success && line.error.code === 'income.not_found' && agency) {
    const fromAgency = lines.filter((c) => c.agencyId === agency.id);
    if (fromAgency.length === 1) line = ok(fromAgency[0]!);
    else if (fromAgency.length > 1) {
      const listed = fromAgency.map((c) => `"${label(c)}" ${c.id} (${formatPence(c.amountPence)})`).join(', ');
      line = fail('income.ambiguous', `${request.year} has ${fromAgency.length} income lines from ${agency.name}: ${listed}. Name the one to remove by its label or id.`);
    }
  }
  if (!line.success) return line;
  const committed = await commitAs(store, request.asEmail, [{ type: 'contribution.remove', id: line.data.id }], at);
  if (!committed.success) return committed;
  return ok(`Removed the ${request.year} income line "${label(line.data)}" (${formatPence(line.data.amountPence)}, ${line.data.id}); the audit keeps it as it was.`);
}

/** Removes one spending line of a year, named by its category (or its id when a category has several). */
export async function removeSpending(store: Store, request: FundingLineRequest, at: string): Promise<Result<string>> {
  const db = await store.read();
  const lines = db.expenditure.filter((e) => e.financialYear === request.year);
  const line = oneLine(lines, request.line, (e) => e.category, 'spending', request.year);
  if (!line.success) return line;
  const committed = await commitAs(store, request.asEmail, [{ type: 'expenditure.remove', id: line.data.id }], at);
  if (!committed.success) return committed;
  return ok(`Removed the ${request.year} spending line "${line.data.category}" (${formatPence(line.data.amountPence)}, ${line.data.id}); the audit keeps it as it was.`);
}

/** Removes a meeting entered by mistake; with `withRegister`, its register too. */
export async function removeMeeting(store: Store, request: { meetingId: string; withRegister?: boolean; asEmail?: string }, at: string): Promise<Result<string>> {
  const db = await store.read();
  const lines = db.attendance.filter((a) => a.meetingId === request.meetingId).length;
  const committed = await commitAs(store, request.asEmail, [{ type: 'meeting.remove', meetingId: request.meetingId, withRegister: request.withRegister ?? false }], at);
  if (!committed.success) {
    if (committed.error.code !== 'meeting.has_register') return committed;
    return fail(committed.error.code, committed.error.message.replace('(--with-register)', '(add --with-register)'));
  }
  return ok(`Removed meeting ${request.meetingId}${lines > 0 ? ` and its register of ${lines} line${lines === 1 ? '' : 's'}` : ''}; the audit keeps ${lines > 0 ? 'them' : 'it'} as ${lines > 0 ? 'they were' : 'it was'}.`);
}

/** A membership of a subgroup as typed: the group and agency by name. */
export interface MembershipRequest {
  readonly subgroup: string;
  readonly agency: string;
  readonly asEmail?: string;
}

function membershipOf(db: Database, request: MembershipRequest): Result<{ subgroupId: string; agencyId: string; subgroupName: string; agencyName: string }> {
  const subgroup = findSubgroup(db, request.subgroup);
  if (!subgroup) return fail('subgroup.not_found', `--subgroup: there is no group "${request.subgroup}"; the groups are ${db.subgroups.map((s) => s.shortName).join(', ')}.`);
  const agency = new AgencyDirectory(db.agencies).find(request.agency);
  if (!agency) return fail('agency.not_found', `--agency: unknown agency "${request.agency}".`);
  return ok({ subgroupId: subgroup.id, agencyId: agency.id, subgroupName: subgroup.name, agencyName: agency.name });
}

/** Ends an agency's current membership of a subgroup: `left` is its last day. */
export async function endMembership(store: Store, request: MembershipRequest & { left: string }, at: string): Promise<Result<string>> {
  const member = membershipOf(await store.read(), request);
  if (!member.success) return member;
  const { subgroupId, agencyId, subgroupName, agencyName } = member.data;
  const committed = await commitAs(store, request.asEmail, [{ type: 'membership.end', subgroupId, agencyId, left: request.left }], at);
  if (!committed.success) return committed;
  return ok(`${agencyName} is a member of ${subgroupName} until ${request.left}, its last day.`);
}

/** Corrects a membership's dates, or removes one entered by mistake. */
export async function correctMembership(
  store: Store,
  request: MembershipRequest & { was?: string; joined?: string; left?: string | null; remove?: boolean },
  at: string,
): Promise<Result<string>> {
  const member = membershipOf(await store.read(), request);
  if (!member.success) return member;
  const { subgroupId, agencyId, subgroupName, agencyName } = member.data;
  const committed = await commitAs(
    store,
    request.asEmail,
    [
      {
        type: 'membership.correct',
        subgroupId,
        agencyId,
        was: request.was ?? null,
        joined: request.joined ?? null,
        ...(request.left === undefined ? {} : { left: request.left }),
        remove: request.remove ?? false,
      },
    ],
    at,
  );
  if (!committed.success) return committed;
  if (committed.data.audit.length === 0) return ok(`${agencyName}'s membership of ${subgroupName} is already so; nothing changed.`);
  if (request.remove) return ok(`Removed ${agencyName}'s membership of ${subgroupName}; the audit keeps it as it was.`);
  const after = (await store.read()).subgroups.find((s) => s.id === subgroupId)!.members.filter((m) => m.agencyId === agencyId);
  return ok(`${agencyName}'s membership of ${subgroupName} is now ${after.map((m) => `from ${m.joined}${m.left === null ? '' : ` to ${m.left}`}`).join(', and ')}.`);
}
