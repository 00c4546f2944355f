import { AuditType, slugify, uniqueId, type Audit, type Result, type AuditProgrammeSettings, type Database, type StandingAnswer, type StandingQuestion } from '@partnership-tracker/core';
import { parseLocalDate, splitList } from '../../parse/index.js';
import { nameKey } from '../directory.js';
import { AgencyResolver, readRows, type Importer, type PlannedCommand } from '../importer.js';
import type { RowReader } from '../rowReader.js';

const MONTH_NAMES = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'] as const;

/** Reads a month as people write it: `2024-11`, `11/2024`, `Nov 2024`, `November 2024`. */
export function parseMonth(text: string): Result<string> {
  const trimmed = text.trim();
  const iso = /^(\d{4})-(\d{1,2})$/.exec(trimmed);
  const slash = /^(\d{1,2})\/(\d{4})$/.exec(trimmed);
  const words = /^([a-z]+)\.?\s+(\d{4})$/i.exec(trimmed);
  const named = words ? MONTH_NAMES.findIndex((name) => words[1]!.length >= 3 && name.startsWith(words[1]!.toLowerCase())) : -1;
  const [year, month] = iso ? [iso[1], Number(iso[2])] : slash ? [slash[2], Number(slash[1])] : words && named >= 0 ? [words[2], named + 1] : [undefined, 0];
  if (year === undefined || month < 1 || month > 12) return { success: false, error: { code: 'input.bad_month', message: `"${text}" is not a month like 2024-11 or Nov 2024` } };
  return { success: true, data: `${year}-${String(month).padStart(2, '0')}` };
}

/** The audit called `title` in the programme (in `month`, when given; or with that id). */
export function findAudit(db: Database, title: string, month: string | null = null): Audit | undefined {
  const key = nameKey(title);
  return db.audits.find((a) => (nameKey(a.title) === key && (month === null || a.plannedMonth === month)) || a.id === key);
}

/** The standing question named in a cell, by its id or its words. */
export function findQuestion(db: Database, text: string): StandingQuestion | undefined {
  const key = nameKey(text);
  return db.partnership.auditProgramme.standingQuestions.find((q) => q.id === key || q.id === slugify(text) || nameKey(q.question) === key);
}

const typeWords: Readonly<Record<string, AuditType>> = {
  'multi agency audit': 'multi-agency',
  maca: 'multi-agency',
  'single agency audit': 'single-agency',
  'dip sampling': 'dip-sample',
  jtai: 'jtai-preparation',
  's11': 'section-11',
  'section 11 audit': 'section-11',
};

/** Reads the answers cell: `neurodivergence: answer | another question: answer`. */
function readAnswers(reader: RowReader, db: Database): StandingAnswer[] | null | undefined {
  return reader.parsed('answers', (text) => {
    const answers: StandingAnswer[] = [];
    for (const part of splitList(text, /\|/)) {
      const colon = part.indexOf(':');
      const question = colon < 0 ? undefined : findQuestion(db, part.slice(0, colon));
      const answer = colon < 0 ? '' : part.slice(colon + 1).trim();
      if (colon < 0 || answer === '') return { success: false, error: { code: 'input.bad_answer', message: `"${part}" is not an answer like "neurodivergence: recorded for 6 of 8 children"` } };
      if (!question) return { success: false, error: { code: 'input.unknown_question', message: `"${part.slice(0, colon).trim()}" is not one of the standing questions; import it with \`ptrack import audit-questions\` first` } };
      answers.push({ questionId: question.id, answer });
    }
    return { success: true, data: answers };
  });
}

/**
 * Imports the Quality Assurance Group's programme: one audit per row, matched on its title and
 * month. Its action plan comes from `audit-actions`.
 */
export const auditsImporter: Importer = {
  entity: 'audits',
  rowMeaning: 'one audit of the programme',
  columns: [
    { name: 'title', required: true, description: 'What is audited, e.g. `JTAI preparation: serious youth violence`.' },
    { name: 'type', required: true, description: `${AuditType.options.join(', ')}.` },
    { name: 'month', required: true, description: 'The month it is planned for: `2024-11` or `Nov 2024`.' },
    { name: 'agencies', required: false, description: 'The agencies taking part, by name, separated by `;`.' },
    { name: 'cases', required: false, description: 'How many cases were audited.' },
    { name: 'moderated', required: false, description: 'The day of the moderation.' },
    { name: 'signed_off', required: false, description: 'The day the QAG signed it off: it is completed. Every standing question asked at its moderation must be answered by then.' },
    { name: 'cancelled', required: false, description: 'Why it was taken out of the programme, when it was.' },
    { name: 'strengths', required: false, description: 'Its key learning: the strengths found, separated by `;`.' },
    { name: 'areas_for_development', required: false, description: 'Its key learning: the areas for development, separated by `;`.' },
    { name: 'answers', required: false, description: 'Its answers to the standing questions, `question: answer`, separated by `|`, e.g. `neurodivergence: recorded for 6 of 8 children`.' },
  ],
  plan(rows, db, options) {
    const commands: PlannedCommand[] = [];
    const agencies = new AgencyResolver(db, options, commands);
    const taken = new Set(db.audits.map((a) => a.id));
    const problems = readRows(rows, (reader, keys, row) => {
      const title = reader.required('title');
      const type = reader.parsed('type', (text) => matchType(text), true);
      const plannedMonth = reader.parsed('month', parseMonth, true);
      const agencyNames = reader.optional('agencies');
      const cases = reader.integer('cases', 0, 100_000);
      const date = (column: string) => reader.parsed(column, parseLocalDate);
      const moderatedOn = date('moderated');
      const signedOffOn = date('signed_off');
      const cancelledReason = reader.optional('cancelled');
      const strengths = reader.optional('strengths');
      const development = reader.optional('areas_for_development');
      const answers = readAnswers(reader, db);
      const agencyIds = agencyNames === null ? null : splitList(agencyNames).map((name) => agencies.resolve(reader, 'agencies', name));
      if (title === undefined || type === undefined || plannedMonth === undefined || !reader.valid) return;
      if (!keys.claim(reader, 'title', `${nameKey(title)}@${plannedMonth}`, 'audit in this month')) return;
      const existing = findAudit(db, title, plannedMonth);
      const keep = <T>(value: T | null | undefined, stored: T | null | undefined): T | null => value ?? stored ?? null;
      const id = existing?.id ?? uniqueId(slugify(title) || 'audit', (candidate) => taken.has(candidate));
      taken.add(id);
      const audit: Audit = {
        id,
        title,
        type,
        plannedMonth,
        agencyIds: agencyIds === null ? (existing?.agencyIds ?? []) : (agencyIds as string[]),
        cases: keep(cases, existing?.cases),
        standingAnswers: answers ?? existing?.standingAnswers ?? [],
        moderatedOn: keep(moderatedOn, existing?.moderatedOn),
        signedOffOn: keep(signedOffOn, existing?.signedOffOn),
        cancelledReason: keep(cancelledReason, existing?.cancelledReason),
        strengths: strengths === null ? (existing?.strengths ?? []) : splitList(strengths),
        areasForDevelopment: development === null ? (existing?.areasForDevelopment ?? []) : splitList(development),
        actionPlan: existing?.actionPlan ?? [],
      };
      commands.push({ command: { type: 'audit.upsert', audit }, line: row.line });
    });
    return { commands, problems };
  },
};

function matchType(text: string) {
  const key = text.trim().toLowerCase().replace(/[\s_-]+/g, ' ');
  const found = AuditType.options.find((t) => t.replace(/-/g, ' ') === key) ?? typeWords[key];
  if (found !== undefined) return { success: true as const, data: found };
  return { success: false as const, error: { code: 'input.bad_choice', message: `"${text}" is not one of ${AuditType.options.join(', ')}` } };
}

/**
 * Imports the partnership's standing audit questions, one per row, matched on its short name;
 * questions not in the file are kept as they are, and so are the targets.
 */
export const auditQuestionsImporter: Importer = {
  entity: 'audit-questions',
  rowMeaning: 'one question asked in every audit',
  columns: [
    { name: 'name', required: true, description: 'A short name for it, used in the `answers` column of audits, e.g. `neurodivergence`.' },
    { name: 'question', required: true, description: 'The question as auditors ask it.' },
    { name: 'asked_from', required: true, description: 'The day from which every audit asks it (an audit moderated since answers it before sign-off).' },
    { name: 'retired', required: false, description: 'The last day it is asked, when it is no longer.' },
  ],
  plan(rows, db) {
    const questions = new Map(db.partnership.auditProgramme.standingQuestions.map((q) => [q.id, q] as const));
    let line: number | null = null;
    const problems = readRows(rows, (reader, keys, row) => {
      const name = reader.required('name');
      const question = reader.required('question');
      const askedFrom = reader.parsed('asked_from', parseLocalDate, true);
      const retiredOn = reader.parsed('retired', parseLocalDate);
      if (name === undefined || question === undefined || askedFrom === undefined || retiredOn === undefined || !reader.valid) return;
      const id = findQuestion(db, name)?.id ?? slugify(name);
      if (id === '') return reader.problem('name', `"${name}" has no letters or digits to name it by`);
      if (retiredOn !== null && retiredOn < askedFrom) return reader.problem('retired', `${retiredOn} is before it was first asked (${askedFrom})`);
      if (!keys.claim(reader, 'name', id, 'question')) return;
      questions.set(id, { id, question, askedFrom, retiredOn });
      line ??= row.line;
    });
    const programme: AuditProgrammeSettings = { ...db.partnership.auditProgramme, standingQuestions: [...questions.values()] };
    return { commands: line === null ? [] : [{ command: { type: 'auditProgramme.set', programme }, line }], problems };
  },
};

/**
 * Imports the programme's yearly targets, one per row, matched on the types it counts; targets
 * not in the file are kept, and so are the standing questions.
 */
export const auditTargetsImporter: Importer = {
  entity: 'audit-targets',
  rowMeaning: 'one yearly target of the audit programme',
  columns: [
    { name: 'types', required: true, description: `The audit types it counts, separated by \`;\` (${AuditType.options.join(', ')}), e.g. \`multi-agency; jtai-preparation\`.` },
    { name: 'per_year', required: true, description: 'How many of them the partnership aims to complete a year.' },
  ],
  plan(rows, db) {
    const targets = new Map(db.partnership.auditProgramme.targets.map((t) => [[...t.types].sort().join('+'), t] as const));
    let line: number | null = null;
    const problems = readRows(rows, (reader, keys, row) => {
      const types = reader.parsed(
        'types',
        (text) => {
          const parsed: AuditType[] = [];
          for (const part of splitList(text)) {
            const type = matchType(part);
            if (!type.success) return type;
            if (!parsed.includes(type.data)) parsed.push(type.data);
          }
          return { success: true as const, data: parsed };
        },
        true,
      );
      const perYear = reader.integer('per_year', 1, 1000);
      if (types === undefined || perYear === undefined || !reader.valid) return;
      if (perYear === null) return reader.problem('per_year', 'is blank; every row needs it');
      const key = [...types].sort().join('+');
      if (!keys.claim(reader, 'types', key, 'target')) return;
      targets.set(key, { types, perYear });
      line ??= row.line;
    });
    const programme: AuditProgrammeSettings = { ...db.partnership.auditProgramme, targets: [...targets.values()] };
    return { commands: line === null ? [] : [{ command: { type: 'auditProgramme.set', programme }, line }], problems };
  },
};
