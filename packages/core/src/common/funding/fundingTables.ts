import { SECTOR_LABELS, type Sector, type StatutoryRole } from '../agencies/agency.js';
import { statutoryPartnerOf, statutoryRoleOf } from '../agencies/statutoryRole.js';
import { roundHalfUp } from '../base/rounding.js';
import type { Database } from '../store/database.js';
import type { Contribution } from './funding.js';
import { expenditureChanges, incomeChanges, lineChange, type LineChange } from './fundingChanges.js';
import { splitShares, type ShareRounding } from './shares.js';

/** One line of an income or expenditure table with its share of the total. */
export interface ShareLine {
  key: string;
  label: string;
  amountPence: number;
  /** Share of the total in hundredths of a percent: 7408 is 74.08%. */
  share: number;
  agencyId: string | null;
  statutoryRole: StatutoryRole | null;
  sector: Sector | null;
}

/** A table of amounts and their shares of the total, for one financial year. */
export interface ShareTable {
  financialYear: string;
  lines: ShareLine[];
  totalPence: number;
  /** How the shares were rounded: to add up to exactly 100.00%, or each to the nearest 0.01% (see `splitShares`). */
  rounding: ShareRounding;
  /** What the shares add up to, in hundredths of a percent: 10000 unless rounded to the nearest, 0 with no money. */
  shareTotal: number;
}

export type { LineChange } from './fundingChanges.js';

/** A year's income, spending and balance, split by statutory partner and sector, optionally against another year. */
export interface FundingSummary {
  financialYear: string;
  income: ShareTable;
  expenditure: ShareTable;
  balancePence: number;
  receivedPence: number;
  pledgedPence: number;
  /**
   * Income by statutory partner organisation (its parts rolled up to it), local authority, ICB
   * and police in that order, then "Relevant agencies" and "Other sources"; a partner missing
   * from the register still has its line, named by its role.
   */
  byStatutoryPartner: ShareTable;
  /** The three statutory partners' income alone, split between them: always Local authority, Health (ICB), Police. */
  statutoryPartnerSplit: ShareTable;
  bySector: ShareTable;
  comparison?: {
    year: string;
    income: LineChange[];
    expenditure: LineChange[];
    incomeTotal: LineChange;
    expenditureTotal: LineChange;
  };
}

/** Which contributions an income table counts. */
export interface IncomeOptions {
  /** Received, pledged or both (the default). */
  state?: 'received' | 'pledged' | 'all';
}

/** A year's income, one line per contribution, largest first (ties keep register order). */
export function incomeTable(db: Database, year: string, options: IncomeOptions = {}): ShareTable {
  const state = options.state ?? 'all';
  const contributions = db.contributions.filter((c) => c.financialYear === year && (state === 'all' || c.state === state));
  return shareTable(
    year,
    contributions.map((contribution) => {
      const agency = contribution.agencyId === null ? undefined : db.agencies.find((a) => a.id === contribution.agencyId);
      return {
        key: contribution.id,
        label: contributionLabel(db, contribution),
        amountPence: contribution.amountPence,
        agencyId: contribution.agencyId,
        statutoryRole: agency ? statutoryRoleOf(db, agency.id) : null,
        sector: agency ? agency.sector : null,
      };
    }),
  );
}

/** A year's spending, one line per category (lines of the same category added), largest first. */
export function expenditureTable(db: Database, year: string): ShareTable {
  const byCategory = new Map<string, number>();
  for (const line of db.expenditure) {
    if (line.financialYear !== year) continue;
    byCategory.set(line.category, (byCategory.get(line.category) ?? 0) + line.amountPence);
  }
  return shareTable(
    year,
    [...byCategory].map(([category, amountPence]) => ({ key: category, label: category, amountPence, agencyId: null, statutoryRole: null, sector: null })),
  );
}

/** A year's funding at a glance, optionally compared with another year: income by agency or source, spending by category. */
export function fundingSummary(db: Database, year: string, options: { compareWith?: string } = {}): FundingSummary {
  const income = incomeTable(db, year);
  const expenditure = expenditureTable(db, year);
  const contributions = db.contributions.filter((c) => c.financialYear === year);
  const summary: FundingSummary = {
    financialYear: year,
    income,
    expenditure,
    balancePence: income.totalPence - expenditure.totalPence,
    receivedPence: sum(contributions.filter((c) => c.state === 'received').map((c) => c.amountPence)),
    pledgedPence: sum(contributions.filter((c) => c.state === 'pledged').map((c) => c.amountPence)),
    byStatutoryPartner: byStatutoryPartner(db, income),
    statutoryPartnerSplit: statutoryPartnerSplit(income),
    bySector: bySector(income),
  };
  if (options.compareWith !== undefined) {
    const previousIncome = incomeTable(db, options.compareWith);
    const previousExpenditure = expenditureTable(db, options.compareWith);
    summary.comparison = {
      year: options.compareWith,
      income: incomeChanges(db, income, previousIncome),
      expenditure: expenditureChanges(db, expenditure, previousExpenditure),
      incomeTotal: lineChange('Total', income.totalPence, previousIncome.totalPence),
      expenditureTotal: lineChange('Total', expenditure.totalPence, previousExpenditure.totalPence),
    };
  }
  return summary;
}

/** Shows pence as whole pounds ('£311,609', rounded half up) or with pennies ('£311,609.00'); negatives as '-£5,000'. */
export function formatPence(pence: number, options: { pennies?: boolean } = {}): string {
  const sign = pence < 0 ? '-' : '';
  const magnitude = Math.abs(pence);
  if (options.pennies) {
    const pounds = Math.floor(magnitude / 100);
    return `${sign}£${groupThousands(pounds)}.${String(magnitude % 100).padStart(2, '0')}`;
  }
  const pounds = roundHalfUp(magnitude, 100, 1);
  return `${pounds === 0 ? '' : sign}£${groupThousands(pounds)}`;
}

/** Shows a share in hundredths of a percent as a percentage: 7408 → '74.08%'. */
export function formatShare(share: number): string {
  const sign = share < 0 ? '-' : '';
  const magnitude = Math.abs(share);
  return `${sign}${Math.floor(magnitude / 100)}.${String(magnitude % 100).padStart(2, '0')}%`;
}

/** How an income line reads: its own label, else the agency's name, else the named source. */
function contributionLabel(db: Database, contribution: Contribution): string {
  if (contribution.label !== null) return contribution.label;
  const agency = contribution.agencyId === null ? undefined : db.agencies.find((a) => a.id === contribution.agencyId);
  return agency?.name ?? contribution.source ?? contribution.agencyId ?? contribution.id;
}

function shareTable(year: string, lines: ReadonlyArray<Omit<ShareLine, 'share'>>, options: { sort?: boolean } = {}): ShareTable {
  // Array.prototype.sort is stable, so equal amounts keep register order.
  const sorted = options.sort === false ? [...lines] : [...lines].sort((a, b) => b.amountPence - a.amountPence);
  const { shares, rounding, total } = splitShares(sorted.map((line) => line.amountPence));
  return {
    financialYear: year,
    lines: sorted.map((line, index) => ({ ...line, share: shares[index]! })),
    totalPence: sum(sorted.map((line) => line.amountPence)),
    rounding,
    shareTotal: total,
  };
}

const statutoryPartnerRoles: ReadonlyArray<{ role: Exclude<StatutoryRole, 'none'>; label: string }> = [
  { role: 'local-authority', label: 'Local authority' },
  { role: 'health', label: 'Health (ICB)' },
  { role: 'police', label: 'Police' },
];

/**
 * Working Together 2023's funding-equity question is about the three statutory partners as
 * organisations: the ICB, not every NHS body; the Met whether it paid through MOPAC or a BCU.
 * So a line per partner organisation, then what the relevant agencies and outside sources gave.
 */
function byStatutoryPartner(db: Database, income: ShareTable): ShareTable {
  const amounts = new Map<string, number>();
  let relevantAgencies = 0;
  let otherSources = 0;
  for (const line of income.lines) {
    const partner = line.agencyId === null ? undefined : statutoryPartnerOf(db, line.agencyId);
    if (partner) amounts.set(partner.id, (amounts.get(partner.id) ?? 0) + line.amountPence);
    else if (line.agencyId !== null) relevantAgencies += line.amountPence;
    else otherSources += line.amountPence;
  }
  const partnerLines = statutoryPartnerRoles.flatMap(({ role, label }): Array<Omit<ShareLine, 'share'>> => {
    const organisations = db.agencies.filter((agency) => agency.statutoryRole === role && statutoryPartnerOf(db, agency.id) === agency);
    if (organisations.length === 0) return [{ key: role, label, amountPence: 0, agencyId: null, statutoryRole: role, sector: null }];
    return organisations.map((agency) => ({ key: agency.id, label: agency.name, amountPence: amounts.get(agency.id) ?? 0, agencyId: agency.id, statutoryRole: role, sector: agency.sector }));
  });
  return shareTable(
    income.financialYear,
    [
      ...partnerLines,
      { key: 'relevant-agencies', label: 'Relevant agencies', amountPence: relevantAgencies, agencyId: null, statutoryRole: 'none', sector: null },
      { key: 'other-sources', label: 'Other sources', amountPence: otherSources, agencyId: null, statutoryRole: null, sector: null },
    ],
    { sort: false },
  );
}

/** The three statutory partners' income as shares of what the three gave together. */
function statutoryPartnerSplit(income: ShareTable): ShareTable {
  return shareTable(
    income.financialYear,
    statutoryPartnerRoles.map(({ role, label }) => ({
      key: role,
      label,
      amountPence: sum(income.lines.filter((line) => line.statutoryRole === role).map((line) => line.amountPence)),
      agencyId: null,
      statutoryRole: role,
      sector: null,
    })),
    { sort: false },
  );
}


function bySector(income: ShareTable): ShareTable {
  const amounts = new Map<Sector | null, number>();
  for (const line of income.lines) amounts.set(line.sector, (amounts.get(line.sector) ?? 0) + line.amountPence);
  return shareTable(
    income.financialYear,
    [...amounts].map(([sector, amountPence]) => ({
      key: sector ?? 'non-agency',
      label: sector === null ? 'Other sources' : SECTOR_LABELS[sector],
      amountPence,
      agencyId: null,
      statutoryRole: null,
      sector,
    })),
  );
}

function groupThousands(whole: number): string {
  return String(whole).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
