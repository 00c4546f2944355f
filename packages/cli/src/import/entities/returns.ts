import {
  localDateOf,
  parsePeriod,
  periodLabel,
  responseId,
  ReturnKind,
  slugify,
  uniqueId,
  type Database,
  type Result,
  type ReturnAsk,
  type ReturnRequest,
  type ReturnResponse,
} from '@partnership-tracker/core';
import { parseLocalDate, splitList } from '../../parse/index.js';
import { nameKey } from '../directory.js';
import { AgencyResolver, readRows, type Importer, type PlannedCommand } from '../importer.js';
import type { RowReader } from '../rowReader.js';
import { personCell } from './subgroups.js';

/** The return called `title` (or with that id). */
export function findReturn(db: Database, title: string): ReturnRequest | undefined {
  const key = nameKey(title);
  return db.returns.find((r) => nameKey(r.title) === key || r.id === title.trim().toLowerCase());
}

const kindWords: Readonly<Record<string, ReturnKind>> = {
  assurance: 'assurance-self-assessment',
  'section 11': 'assurance-self-assessment',
  s11: 'assurance-self-assessment',
  'safeguarding standards': 'assurance-self-assessment',
  dataset: 'quarterly-dataset',
  'annual report': 'annual-report-contribution',
  contribution: 'annual-report-contribution',
};

/** A cell holding a web address (http or https). */
function readLink(reader: RowReader, column: string): string | null | undefined {
  return reader.parsed(column, (text): Result<string> => {
    try {
      const url = new URL(text);
      if (url.protocol === 'https:' || url.protocol === 'http:') return { success: true, data: text };
    } catch {
      // Not a URL at all: the message below says so.
    }
    return { success: false, error: { code: 'input.bad_link', message: `"${text}" is not a web address starting https://` } };
  });
}

/** A period cell: `2024/25` or `2024/25 Q3`, written back as people write it. */
function readPeriod(reader: RowReader): string | undefined {
  return reader.parsed(
    'period',
    (text): Result<string> => {
      const parsed = parsePeriod(text);
      return parsed.success ? { success: true, data: periodLabel(parsed.data) } : parsed;
    },
    true,
  );
}

/**
 * Imports the returns the partnership asks for: one row per return and agency asked, so a return
 * asked of twelve agencies has twelve rows (the return's own cells may be left blank after its
 * first row). Agencies already asked and not in the file stay asked.
 */
export const returnsImporter: Importer = {
  entity: 'returns',
  rowMeaning: 'one agency asked for one return',
  columns: [
    { name: 'return', required: true, description: 'What the partnership calls it (`Multi-agency dataset 2024/25 Q1`); rows with the same name are one return.' },
    { name: 'type', required: false, description: `${ReturnKind.options.join(', ')} (\`other\`: one the partnership defines, named by \`return\`). Needed on a return's first row.` },
    { name: 'period', required: false, description: 'The financial year (`2024/25`) or quarter (`2024/25 Q1`) it covers. Needed on a return\'s first row.' },
    { name: 'due', required: false, description: 'The day it is due. Needed on a return\'s first row.' },
    { name: 'agency', required: true, description: 'An agency asked for it.' },
    { name: 'contact', required: false, description: "The email of the agency's contact for it: the person chased, who may mark it submitted." },
    { name: 'template', required: false, description: 'A link to the template to use.' },
    { name: 'mandatory_fields', required: false, description: 'What it must contain, separated by `;` (`commentary; neurodivergence`): without one, a return is partial.' },
  ],
  plan(rows, db, options) {
    const commands: PlannedCommand[] = [];
    const agencies = new AgencyResolver(db, options, commands);
    const taken = new Set(db.returns.map((r) => r.id));
    const gathered = new Map<string, { request: ReturnRequest; asks: Map<string, ReturnAsk>; line: number }>();
    const problems = readRows(rows, (reader, keys, row) => {
      const title = reader.required('return');
      const kind = reader.choice('type', ReturnKind.options, kindWords);
      const period = reader.optional('period') === null ? null : readPeriod(reader);
      const dueOn = reader.parsed('due', parseLocalDate);
      const agencyName = reader.required('agency');
      const contactId = personCell(reader, db, 'contact');
      const templateUrl = readLink(reader, 'template');
      const mandatory = reader.optional('mandatory_fields');
      const agencyId = agencyName === undefined ? undefined : agencies.resolve(reader, 'agency', agencyName);
      if (title === undefined || agencyId === undefined || contactId === undefined || !reader.valid) return;
      const key = nameKey(title);
      const entry = gathered.get(key);
      const base = entry?.request ?? findReturn(db, title);
      const fields = {
        kind: kind ?? base?.kind,
        period: period ?? base?.period,
        dueOn: dueOn ?? base?.dueOn,
        templateUrl: templateUrl ?? base?.templateUrl ?? null,
        mandatoryFields: mandatory === null ? (base?.mandatoryFields ?? []) : splitList(mandatory),
      };
      if (entry) {
        const differs = (['kind', 'period', 'dueOn', 'templateUrl', 'mandatoryFields'] as const).find((field) => JSON.stringify(fields[field]) !== JSON.stringify(entry.request[field]));
        if (differs) {
          const column = { kind: 'type', period: 'period', dueOn: 'due', templateUrl: 'template', mandatoryFields: 'mandatory_fields' }[differs];
          reader.problem(column, `differs from line ${entry.line}, which asks for the same return; leave it blank or write it the same`);
          return;
        }
      }
      if (fields.kind === undefined) reader.problem('type', 'is blank; a new return needs its type');
      if (fields.period === undefined) reader.problem('period', 'is blank; a new return needs the period it covers');
      if (fields.dueOn === undefined) reader.problem('due', 'is blank; a new return needs its due day');
      if (fields.kind === undefined || fields.period === undefined || fields.dueOn === undefined) return;
      if (!keys.claim(reader, 'agency', `${key}#${agencyId}`, 'agency for this return')) return;
      if (contactId !== null) {
        const contact = db.people.find((p) => p.id === contactId)!;
        if (!contact.active) {
          reader.problem('contact', `${contact.name} has left the partnership; name the agency's current contact`);
          return;
        }
      }
      const id = base?.id ?? uniqueId(slugify(title), (candidate) => taken.has(candidate));
      taken.add(id);
      const request: ReturnRequest = { id, kind: fields.kind, title, period: fields.period, dueOn: fields.dueOn, templateUrl: fields.templateUrl, mandatoryFields: fields.mandatoryFields, agencies: base?.agencies ?? [], standards: base?.standards ?? [] };
      const asks = entry?.asks ?? new Map((base?.agencies ?? []).map((a) => [a.agencyId, a] as const));
      const previous = asks.get(agencyId);
      asks.set(agencyId, { agencyId, contactId: contactId ?? previous?.contactId ?? null });
      gathered.set(key, { request, asks, line: entry?.line ?? row.line });
    });
    for (const { request, asks, line } of gathered.values()) {
      commands.push({ command: { type: 'return.upsert', request: { ...request, agencies: [...asks.values()] } }, line });
    }
    return { commands, problems };
  },
};

const stateWords: Readonly<Record<string, ReturnResponse['state']>> = {
  late: 'received',
  'on time': 'received',
  complete: 'received',
  missing: 'not-received',
  none: 'not-received',
};

/**
 * Imports what agencies sent back: one row per return and agency, matched on both. Lateness is
 * worked out from the day it came and the return's due day, never typed.
 */
export const returnResponsesImporter: Importer = {
  entity: 'return-responses',
  rowMeaning: "one agency's response to one return",
  columns: [
    { name: 'return', required: true, description: 'The return, by name (imported with `ptrack import returns`).' },
    { name: 'agency', required: true, description: 'The agency responding; it must be among those asked.' },
    { name: 'status', required: true, description: 'received, partial or not received (`late` reads as received: lateness comes from the dates).' },
    { name: 'received', required: false, description: 'The day it came; needed unless not received.' },
    { name: 'received_by', required: false, description: 'The email of the person who sent it.' },
    { name: 'link', required: false, description: 'A link to the document or data.' },
    { name: 'missing', required: false, description: 'What a partial return lacks, separated by `;`; only for partial.' },
    { name: 'review', required: false, description: 'pending (the default), accepted, or sent back.' },
    { name: 'review_note', required: false, description: 'Why it was sent back (needed then), or a note on accepting it.' },
    { name: 'reviewed', required: false, description: 'The day the business team accepted it or sent it back (default: the day it came).' },
  ],
  plan(rows, db, options) {
    const commands: PlannedCommand[] = [];
    const directory = new AgencyResolver(db, { ...options, createAgencies: false }, commands).directory;
    const today = localDateOf(options.now, db.partnership.timeZone);
    const problems = readRows(rows, (reader, keys, row) => {
      const title = reader.required('return');
      const agencyName = reader.required('agency');
      const state = reader.parsed('status', (text) => matchState(text), true);
      const receivedOn = reader.parsed('received', parseLocalDate);
      const receivedById = personCell(reader, db, 'received_by');
      const link = readLink(reader, 'link');
      const missingText = reader.optional('missing');
      const review = reader.choice('review', ['pending', 'accepted', 'sent-back'] as const, { 'sent back': 'sent-back', returned: 'sent-back' });
      const reviewNote = reader.optional('review_note');
      const reviewedOn = reader.parsed('reviewed', parseLocalDate);
      const request = title === undefined ? undefined : findReturn(db, title);
      if (title !== undefined && !request) reader.problem('return', `unknown return "${title}"; import it with \`ptrack import returns\` first`);
      const agency = agencyName === undefined ? undefined : directory.find(agencyName);
      if (agencyName !== undefined && !agency) reader.problem('agency', `unknown agency "${agencyName}"`);
      if (request && agency && !request.agencies.some((a) => a.agencyId === agency.id)) reader.problem('agency', `${agency.name} was not asked for ${request.title}; add it with \`ptrack import returns\` first`);
      const missing = missingText === null ? [] : splitList(missingText);
      if (state === 'partial' && missing.length === 0) reader.problem('missing', 'is blank; say what a partial return lacks');
      if (state !== undefined && state !== 'partial' && missing.length > 0) reader.problem('missing', `only a partial return lacks something; this one is ${state.replace('-', ' ')}`);
      if (state !== undefined && state !== 'not-received' && receivedOn === null) reader.problem('received', 'is blank; say the day it came');
      if (state === 'not-received' && receivedOn) reader.problem('received', 'a return not received has no day it came; mark it received or partial');
      if (receivedOn && receivedOn > today) reader.problem('received', `${receivedOn} is after today`);
      if (state === 'not-received' && review && review !== 'pending') reader.problem('review', 'nothing was received to accept or send back');
      if (review === 'sent-back' && reviewNote === null) reader.problem('review_note', 'is blank; say why it was sent back');
      if (reviewedOn && receivedOn && reviewedOn < receivedOn) reader.problem('reviewed', `comes before the day it was received (${receivedOn})`);
      if (!request || !agency || state === undefined || receivedOn === undefined || receivedById === undefined || link === undefined || review === undefined || reviewedOn === undefined || !reader.valid) return;
      if (!keys.claim(reader, 'agency', `${request.id}#${agency.id}`, 'response of this agency to this return')) return;
      const decided = review !== null && review !== 'pending';
      const stored = db.returnResponses.find((r) => r.id === responseId(request.id, agency.id));
      const response: ReturnResponse = {
        id: responseId(request.id, agency.id),
        returnId: request.id,
        agencyId: agency.id,
        state,
        receivedOn: receivedOn ?? null,
        receivedById,
        link,
        missing,
        review: review ?? 'pending',
        reviewNote,
        reviewedOn: decided ? (reviewedOn ?? receivedOn ?? null) : null,
        // Ratings come from \`ptrack import self-ratings\`, and chases from the chasing: this file
        // leaves them as they are.
        ratings: stored?.ratings ?? [],
        snoozedUntil: stored?.snoozedUntil ?? null,
        chases: stored?.chases ?? [],
      };
      commands.push({ command: { type: 'returnResponse.upsert', response }, line: row.line });
    });
    return { commands, problems };
  },
};

function matchState(text: string): Result<ReturnResponse['state']> {
  const key = text.trim().toLowerCase().replace(/[\s_-]+/g, ' ');
  const found = (['received', 'partial', 'not-received'] as const).find((s) => s.replace('-', ' ') === key) ?? stateWords[key];
  if (found !== undefined) return { success: true, data: found };
  return { success: false, error: { code: 'input.bad_choice', message: `"${text}" is not one of received, partial, not received` } };
}
