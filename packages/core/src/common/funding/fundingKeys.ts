import type { Agency } from '../agencies/agency.js';
import { nameKey } from '../base/names.js';
import type { Database } from '../store/database.js';
import type { Contribution, Expenditure } from './funding.js';

/**
 * What an income line is: its year, the agency it came from (or the named source outside the
 * partnership), and its label when the label tells two lines of one agency apart. A label that
 * only names the agency or source again (its name or an alias) tells nothing apart, so "Croydon
 * ICB" written as the agency or as the label of the ICB's line is the same line. Names match as
 * people mean them (`nameKey`): case and spacing do not matter, brackets and dashes do.
 */
export function contributionKey(contribution: Pick<Contribution, 'financialYear' | 'agencyId' | 'source' | 'label'>, agencies: readonly Agency[]): string {
  const agency = contribution.agencyId === null ? undefined : agencies.find((a) => a.id === contribution.agencyId);
  const names = agency ? [agency.name, ...agency.aliases] : contribution.source !== null ? [contribution.source] : [];
  const label = contribution.label === null || names.some((name) => nameKey(name) === nameKey(contribution.label!)) ? '' : nameKey(contribution.label);
  const from = contribution.agencyId !== null ? `agency:${contribution.agencyId}` : `source:${nameKey(contribution.source ?? '')}`;
  return JSON.stringify([contribution.financialYear, from, label]);
}

/** What a spending line is: its year and its category, named as people mean it (`nameKey`). */
export function expenditureKey(expenditure: Pick<Expenditure, 'financialYear' | 'category'>): string {
  return JSON.stringify([expenditure.financialYear, nameKey(expenditure.category)]);
}

/**
 * Another income line of the database that is the same line as `contribution` would become, if
 * any. A line that already shared its key (written before lines were keyed) can still be updated.
 */
export function duplicateContribution(db: Database, contribution: Contribution): Contribution | undefined {
  const key = contributionKey(contribution, db.agencies);
  const before = db.contributions.find((c) => c.id === contribution.id);
  if (before && contributionKey(before, db.agencies) === key) return undefined;
  return db.contributions.find((c) => c.id !== contribution.id && contributionKey(c, db.agencies) === key);
}

/** Another spending line of the database in the year and category `expenditure` would move to, if any. */
export function duplicateExpenditure(db: Database, expenditure: Expenditure): Expenditure | undefined {
  const key = expenditureKey(expenditure);
  const before = db.expenditure.find((e) => e.id === expenditure.id);
  if (before && expenditureKey(before) === key) return undefined;
  return db.expenditure.find((e) => e.id !== expenditure.id && expenditureKey(e) === key);
}
