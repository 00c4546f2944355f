import { fail, ok, type Result } from '../base/result.js';
import { nameKey } from '../base/names.js';
import { personalDataInText } from '../reviews/personalData.js';
import type { Database } from '../store/database.js';
import { questionsFor, type Audit, type AuditProgrammeSettings } from './audit.js';

/**
 * Checks an audit before it enters the programme: its agencies are in the register, its dates
 * in order, no child identified in its text, each standing question answered once and, before
 * it is signed off, every question asked at its moderation answered; no action-plan item taken
 * away while an action answers it.
 */
export function checkAudit(db: Database, audit: Audit): Result<true> {
  const name = `Audit "${audit.title}"`;
  const unknown = audit.agencyIds.find((id) => !db.agencies.some((a) => a.id === id));
  if (unknown !== undefined) return fail('audit.unknown_agency', `${name}: agency "${unknown}" is not in the register.`);
  if (audit.moderatedOn !== null && audit.signedOffOn !== null && audit.signedOffOn < audit.moderatedOn) {
    return fail('audit.dates', `${name}: sign-off at the QAG (${audit.signedOffOn}) cannot come before moderation (${audit.moderatedOn}).`);
  }
  if (audit.cancelledReason !== null && audit.signedOffOn !== null) {
    return fail('audit.cancelled_and_completed', `${name}: it cannot be both signed off and cancelled; clear one.`);
  }
  const texts: Array<[string, string]> = [
    ...audit.strengths.map((text): [string, string] => ['strength', text]),
    ...audit.areasForDevelopment.map((text): [string, string] => ['area for development', text]),
    ...audit.actionPlan.map((item): [string, string] => [`action-plan item ${item.number}`, item.text]),
    ...audit.standingAnswers.map((answer): [string, string] => [`answer to "${answer.questionId}"`, answer.answer]),
  ];
  for (const [field, text] of texts) {
    const found = personalDataInText(text);
    if (found !== null) return fail('audit.personal_data', `${name}: its ${field} holds ${found}; the programme must not identify a child.`, { field });
  }
  const numbers = new Set<number>();
  for (const item of audit.actionPlan) {
    if (item.handedTo !== null && item.completedOn !== null) return fail('audit.handed_over_item', `${name}: action-plan item ${item.number} was handed to ${item.handedTo}, so it is not ours to mark done.`);
    if (numbers.has(item.number)) return fail('audit.duplicate_item', `${name}: action-plan item ${item.number} is listed twice.`);
    numbers.add(item.number);
  }
  const questions = db.partnership.auditProgramme.standingQuestions;
  const answered = new Set<string>();
  for (const answer of audit.standingAnswers) {
    if (!questions.some((q) => q.id === answer.questionId)) return fail('audit.unknown_question', `${name}: "${answer.questionId}" is not one of the partnership's standing questions.`);
    if (answered.has(answer.questionId)) return fail('audit.duplicate_answer', `${name}: the question "${answer.questionId}" is answered twice.`);
    answered.add(answer.questionId);
  }
  if (audit.signedOffOn !== null) {
    const missing = questionsFor(questions, audit, audit.signedOffOn).filter((q) => !answered.has(q.id));
    if (missing.length > 0) {
      return fail('audit.unanswered_question', `${name}: answer the standing question${missing.length === 1 ? '' : 's'} ${missing.map((q) => `"${q.question}"`).join(', ')} before the QAG signs it off; the partnership asks ${missing.length === 1 ? 'it' : 'them'} in every audit.`);
    }
  }
  const clash = db.audits.find((a) => a.id !== audit.id && a.plannedMonth === audit.plannedMonth && nameKey(a.title) === nameKey(audit.title));
  if (clash) return fail('audit.duplicate', `The programme already has "${clash.title}" in ${clash.plannedMonth} (${clash.id}).`);
  const stranded = db.actions.find(
    (a) => a.status !== 'withdrawn' && a.source.kind === 'audit' && a.source.recordId === audit.id && a.source.item !== undefined && !audit.actionPlan.some((i) => i.number === a.source.item && i.handedTo === null),
  );
  if (stranded) {
    return fail('audit.item_in_use', `${name}: action ${stranded.ref} answers action-plan item ${stranded.source.item}, which would no longer be ours to act on; keep it, or withdraw the action first.`);
  }
  return ok(true);
}

/**
 * Checks the programme's settings: one question per id, and no question taken away that an
 * audit has answered (retire it instead, so the answers keep their question).
 */
export function checkAuditProgramme(db: Database, settings: AuditProgrammeSettings): Result<true> {
  const ids = new Set<string>();
  for (const question of settings.standingQuestions) {
    if (ids.has(question.id)) return fail('auditProgramme.duplicate_question', `The standing question "${question.id}" is listed twice.`);
    ids.add(question.id);
  }
  const orphan = db.audits.find((a) => a.standingAnswers.some((answer) => !ids.has(answer.questionId)));
  if (orphan) {
    const answer = orphan.standingAnswers.find((a) => !ids.has(a.questionId))!;
    return fail('auditProgramme.question_in_use', `"${orphan.title}" answers the standing question "${answer.questionId}"; retire the question (give it a last day) rather than remove it.`);
  }
  const types = new Set<string>();
  for (const target of settings.targets) {
    const key = [...target.types].sort().join('+');
    if (types.has(key)) return fail('auditProgramme.duplicate_target', `There are two targets for ${target.types.join(' and ')} audits.`);
    types.add(key);
  }
  return ok(true);
}
