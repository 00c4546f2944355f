import {
  ActionRef,
  ChallengeOutcome,
  slugify,
  uniqueId,
  type ActionSource,
  type Challenge,
  type ChallengeEscalation,
  type ChallengeRaiser,
  type CommandInput,
  type Database,
  type EscalationStage,
} from '@partnership-tracker/core';
import { parseLocalDate, splitList } from '../../parse/index.js';
import { findSubgroup, nameKey } from '../directory.js';
import { AgencyResolver, readRows, type Importer, type PlannedCommand } from '../importer.js';

/** The challenge with this id, or else the one about the same issue, in the log. */
export function findChallenge(db: Database, id: string | null, issue: string): Challenge | undefined {
  if (id !== null) return db.challenges.find((c) => c.id === slugify(id));
  const key = nameKey(issue);
  return db.challenges.find((c) => nameKey(c.issue) === key);
}

/** The sources an action may have and still be linked to a challenge: the plan's, an Executive decision's, a challenge's. */
const LINKABLE_KINDS: ReadonlySet<ActionSource['kind']> = new Set(['business-plan', 'executive', 'challenge']);

const raiserWords: Readonly<Record<string, ChallengeRaiser>> = {
  executive: 'executive',
  'the executive': 'executive',
  'independent scrutineer': 'independent-scrutineer',
  scrutineer: 'independent-scrutineer',
  'young scrutineer': 'young-scrutineer',
  'young scrutineers': 'young-scrutineer',
};

/**
 * Imports the challenge and escalation log: one challenge per row, matched on its id (or, with
 * none, on the issue). Actions named in `actions` are linked back to it, so the log shows them.
 */
export const challengesImporter: Importer = {
  entity: 'challenges',
  rowMeaning: 'one challenge raised by the Executive, a scrutineer or a subgroup',
  columns: [
    { name: 'id', required: false, description: 'Its id in the log, e.g. `housing-representation`: a row with an id the log has updates that challenge. Blank: the challenge about the same issue, or a new id made from the issue.' },
    { name: 'raised_by', required: true, description: '`Executive`, `Independent Scrutineer`, `Young Scrutineer`, or a subgroup by name or short name.' },
    { name: 'raised_with', required: false, description: 'The agencies it was raised with, separated by `;`; blank: the partnership as a whole.' },
    { name: 'issue', required: true, description: 'What was challenged: the "impact area" of the annual report\'s Impact of Executive Actions.' },
    { name: 'raised', required: true, description: 'The day it was raised.' },
    { name: 'stage', required: false, description: 'The stage of the escalation protocol it was raised at, 1 to 3 (default 1).' },
    { name: 'stage_2_on', required: false, description: 'The day it was escalated to stage 2.' },
    { name: 'stage_3_on', required: false, description: 'The day it was escalated to stage 3.' },
    { name: 'response', required: false, description: 'The response of those challenged.' },
    { name: 'responded', required: false, description: 'The day they responded.' },
    { name: 'outcome', required: false, description: `How it ended: ${ChallengeOutcome.options.join(', ')}; blank while it is open.` },
    { name: 'closed', required: false, description: 'The day it was closed (with an outcome).' },
    { name: 'evidence_of_impact', required: false, description: 'What changed because of it, once closed: printed in the Impact of Executive Actions.' },
    { name: 'actions', required: false, description: 'The actions taken on it, by reference, separated by `;` (e.g. `A-17; A-20`): each is linked back to the challenge.' },
  ],
  plan(rows, db, options) {
    const commands: PlannedCommand[] = [];
    const agencies = new AgencyResolver(db, options, commands);
    const links: PlannedCommand[] = [];
    const taken = new Set(db.challenges.map((c) => c.id));
    const problems = readRows(rows, (reader, keys, row) => {
      const idText = reader.optional('id');
      const raiser = reader.required('raised_by');
      const raisedWith = reader.optional('raised_with');
      const issue = reader.required('issue');
      const date = (column: string) => reader.parsed(column, parseLocalDate);
      const raisedOn = reader.parsed('raised', parseLocalDate, true);
      const stage = reader.integer('stage', 1, 3) as EscalationStage | null | undefined;
      const stage2 = date('stage_2_on');
      const stage3 = date('stage_3_on');
      const response = reader.optional('response');
      const respondedOn = date('responded');
      const outcome = reader.choice('outcome', ChallengeOutcome.options, { partly: 'partly-resolved', unresolved: 'not-resolved' });
      const closedOn = date('closed');
      const evidenceOfImpact = reader.optional('evidence_of_impact');
      const refs = reader.parsed('actions', (text) => {
        const parsed = splitList(text).map((ref) => ({ ref, parsed: ActionRef.safeParse(ref.toUpperCase()) }));
        const bad = parsed.find((p) => !p.parsed.success);
        if (bad) return { success: false, error: { code: 'input.bad_ref', message: `"${bad.ref}" is not an action reference like A-17` } };
        return { success: true, data: parsed.map((p) => p.parsed.data!) };
      });
      let raisedBy: ChallengeRaiser | undefined;
      let subgroupId: string | null = null;
      if (raiser !== undefined) {
        raisedBy = raiserWords[raiser.trim().toLowerCase().replace(/[\s_-]+/g, ' ')];
        const subgroup = raisedBy === undefined ? findSubgroup(db, raiser) : undefined;
        if (subgroup?.kind === 'executive') raisedBy = 'executive';
        else if (subgroup) [raisedBy, subgroupId] = ['subgroup', subgroup.id];
        else if (raisedBy === undefined) reader.problem('raised_by', `"${raiser}" is not the Executive, a scrutineer or a subgroup; import subgroups with \`ptrack import subgroups\` first`);
      }
      const toAgencyIds = raisedWith === null ? null : agencies.resolveList(reader, 'raised_with', raisedWith);
      const actions = (refs ?? []).map((ref) => ({ ref, action: db.actions.find((a) => a.ref === ref) }));
      for (const { ref, action } of actions) {
        if (!action) reader.problem('actions', `unknown action ${ref}; import it with \`ptrack import actions\` first`);
        else if (!LINKABLE_KINDS.has(action.source.kind)) {
          reader.problem('actions', `${ref} came from ${action.source.reference ?? `a ${action.source.kind}`} (${action.source.kind}); an action answers one source`);
        }
      }
      if (issue === undefined || raisedBy === undefined || !raisedOn || !reader.valid) return;
      const existing = findChallenge(db, idText, issue);
      const id = existing?.id ?? uniqueId(slugify(idText ?? issue).slice(0, 60) || 'challenge', (candidate) => taken.has(candidate));
      if (!keys.claim(reader, idText === null ? 'issue' : 'id', id, 'challenge')) return;
      for (const { ref } of actions) if (!keys.claim(reader, 'actions', `ref:${ref}`, 'action reference')) return;
      taken.add(id);
      const keep = <T>(value: T | null | undefined, stored: T | null | undefined): T | null => value ?? stored ?? null;
      const given: ChallengeEscalation[] = [
        ...(stage2 ? [{ stage: 2 as const, on: stage2 }] : []),
        ...(stage3 ? [{ stage: 3 as const, on: stage3 }] : []),
      ];
      const challenge: Challenge = {
        id,
        raisedBy,
        subgroupId,
        toAgencyIds: toAgencyIds ?? existing?.toAgencyIds ?? [],
        issue,
        raisedOn,
        stage: stage ?? existing?.stage ?? 1,
        escalations: stage2 === null && stage3 === null ? (existing?.escalations ?? []) : given,
        response: keep(response, existing?.response),
        respondedOn: keep(respondedOn, existing?.respondedOn),
        outcome: keep(outcome, existing?.outcome),
        closedOn: keep(closedOn, existing?.closedOn),
        evidenceOfImpact: keep(evidenceOfImpact, existing?.evidenceOfImpact),
      };
      commands.push({ command: { type: 'challenge.upsert', challenge }, line: row.line });
      for (const { action } of actions) {
        if (!action || action.source.recordId === id) continue;
        const { ref, planId, priorityId, title, ownerId, leadAgencyIds, due } = action;
        const kind = action.source.kind === 'executive' ? 'executive' : 'challenge';
        const link: CommandInput = {
          type: 'action.create',
          action: { ref, planId, priorityId, title, ownerId, leadAgencyIds, due, source: { kind, reference: action.source.reference ?? issue, recordId: id } },
        };
        links.push({ command: link, line: row.line });
      }
    });
    // The challenges first: an action can only be linked to a challenge the log already has.
    commands.push(...links);
    return { commands, problems };
  },
};
