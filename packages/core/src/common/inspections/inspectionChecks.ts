import { fail, ok, type Result } from '../base/result.js';
import { nameKey } from '../base/names.js';
import { personalDataInText } from '../reviews/personalData.js';
import type { Database } from '../store/database.js';
import type { Inspection } from './inspection.js';

/**
 * Checks an inspection before it enters the register: dates in order, its lead agencies known,
 * no child identified in its findings, one area per number, one inspection of a title starting
 * on a day, and no area taken away while an action answers it.
 */
export function checkInspection(db: Database, inspection: Inspection): Result<true> {
  const name = `Inspection "${inspection.title}"`;
  if (inspection.letterOn !== null && inspection.letterOn < inspection.onSiteTo) {
    return fail('inspection.dates', `${name}: the letter (${inspection.letterOn}) cannot come before the inspectors left (${inspection.onSiteTo}).`);
  }
  if (inspection.statementSubmittedOn !== null) {
    if (!inspection.statementRequired) return fail('inspection.no_statement', `${name}: it has a written statement of action submitted, so one must be required.`);
    if (inspection.letterOn === null || inspection.statementSubmittedOn < inspection.letterOn) {
      return fail('inspection.dates', `${name}: the written statement of action (${inspection.statementSubmittedOn}) answers the letter, so it cannot come before it (${inspection.letterOn ?? 'not yet recorded'}).`);
    }
  }
  const texts = [...inspection.strengths.map((s) => s.text), ...inspection.areas.map((a) => a.text)];
  for (const text of texts) {
    const found = personalDataInText(text);
    if (found !== null) return fail('inspection.personal_data', `${name}: a finding holds ${found}; the register must not identify a child.`);
  }
  const numbers = new Set<number>();
  for (const area of inspection.areas) {
    if (numbers.has(area.number)) return fail('inspection.duplicate_area', `${name}: area for improvement ${area.number} is listed twice.`);
    numbers.add(area.number);
    const unknown = area.leadAgencyIds.find((id) => !db.agencies.some((a) => a.id === id));
    if (unknown !== undefined) return fail('inspection.unknown_agency', `${name}: area ${area.number}'s lead agency "${unknown}" is not in the register.`);
  }
  const clash = db.inspections.find((i) => i.id !== inspection.id && i.onSiteFrom === inspection.onSiteFrom && nameKey(i.title) === nameKey(inspection.title));
  if (clash) return fail('inspection.duplicate', `The register already has "${clash.title}" from ${clash.onSiteFrom} (${clash.id}).`);
  const stranded = db.actions.find(
    (a) => a.status !== 'withdrawn' && a.source.kind === 'inspection' && a.source.recordId === inspection.id && a.source.item !== undefined && !numbers.has(a.source.item),
  );
  if (stranded) return fail('inspection.area_in_use', `${name}: action ${stranded.ref} answers area ${stranded.source.item}; keep it, or withdraw the action first.`);
  return ok(true);
}
