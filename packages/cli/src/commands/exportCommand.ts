import {
  actionsReport,
  attendanceRegister,
  engagementReport,
  expenditureReport,
  fail,
  fundingReport,
  incomeReport,
  localDateOf,
  ok,
  type Database,
  type EngagementMeasure,
  type Period,
  type Report,
  type Result,
} from '@partnership-tracker/core';
import { resolveDataAddress, withDataStore } from '../dataStore.js';
import type { ExportFormat } from '../export/index.js';
import { periodFromFlags } from '../export/period.js';
import { findSubgroup } from '../import/index.js';
import type { Io } from '../io.js';
import { parseYearLabel } from '../parse/index.js';
import { emit } from './output.js';

/** The flags of `ptrack export`. */
export interface ExportFlags {
  readonly data?: string;
  readonly partnership?: string;
  readonly year?: string;
  readonly quarter?: string;
  readonly subgroup?: string;
  readonly format: ExportFormat;
  readonly out?: string;
  readonly compare?: string;
  /** With engagement: attendance %, seat coverage, or both tables. */
  readonly measure?: EngagementMeasure;
}

/** What a table builder gets: the data and the selection the flags made. */
export interface ExportSelection {
  readonly period?: Period;
  readonly subgroupId?: string;
  readonly flags: ExportFlags;
}

type TableBuilder = (db: Database, selection: ExportSelection, io: Io) => Promise<Result<Report>>;

function needsYear(table: string, selection: ExportSelection, allowQuarter: boolean): Result<string> {
  const { period } = selection;
  if (period === undefined) return fail('usage.year_required', `export ${table} needs --year, e.g. --year 2024/25`);
  if (period.kind === 'quarter' && !allowQuarter) return fail('usage.no_quarters', `export ${table} covers whole financial years; leave out --quarter`);
  return ok(period.year.label);
}

function noSubgroup(table: string, selection: ExportSelection): Result<true> {
  return selection.subgroupId === undefined ? ok(true) : fail('usage.no_subgroup', `export ${table} is not split by subgroup; leave out --subgroup`);
}

function noCompare(table: string, selection: ExportSelection): Result<true> {
  return selection.flags.compare === undefined ? ok(true) : fail('usage.no_compare', `--compare works with export funding, not export ${table}`);
}

function all(...checks: Result<unknown>[]): Result<true> {
  return (checks.find((c) => !c.success) as Result<true> | undefined) ?? ok(true);
}

const builders: Record<string, TableBuilder> = {
  engagement: async (db, selection) => {
    const year = needsYear('engagement', selection, true);
    const checked = all(year, noCompare('engagement', selection));
    if (!checked.success) return checked;
    return ok(engagementReport(db, selection.period!, selection.subgroupId, selection.flags.measure ?? 'engagement'));
  },
  funding: async (db, selection) => {
    const year = needsYear('funding', selection, false);
    const checked = all(year, noSubgroup('funding', selection));
    if (!checked.success) return checked;
    if (!year.success) return year;
    let compare: string | undefined;
    if (selection.flags.compare !== undefined) {
      const parsed = parseYearLabel(selection.flags.compare);
      if (!parsed.success) return fail('usage.bad_period', `--compare: ${parsed.error.message}`);
      compare = parsed.data;
    }
    return ok(fundingReport(db, year.data, compare));
  },
  income: async (db, selection) => {
    const year = needsYear('income', selection, false);
    const checked = all(year, noSubgroup('income', selection), noCompare('income', selection));
    if (!checked.success) return checked;
    if (!year.success) return year;
    return ok(incomeReport(db, year.data));
  },
  expenditure: async (db, selection) => {
    const year = needsYear('expenditure', selection, false);
    const checked = all(year, noSubgroup('expenditure', selection), noCompare('expenditure', selection));
    if (!checked.success) return checked;
    if (!year.success) return year;
    return ok(expenditureReport(db, year.data));
  },
  actions: async (db, selection, io) => {
    const checked = all(noSubgroup('actions', selection), noCompare('actions', selection));
    if (!checked.success) return checked;
    const today = localDateOf(io.now(), db.partnership.timeZone);
    return ok(actionsReport(db, { today, ...(selection.period ? { period: selection.period } : {}) }));
  },
  attendance: async (db, selection) => {
    const checked = noCompare('attendance', selection);
    if (!checked.success) return checked;
    return ok(attendanceRegister(db, { ...(selection.period ? { period: selection.period } : {}), ...(selection.subgroupId ? { subgroupId: selection.subgroupId } : {}) }));
  },
};

/** The tables `ptrack export` can write. */
export const EXPORT_TABLES = Object.keys(builders);

/** `ptrack export TABLE`: builds one table model and writes it in the format asked for. */
export async function exportCommand(table: string, flags: ExportFlags, io: Io): Promise<Result<void>> {
  const build = builders[table];
  if (!build) return fail('usage.unknown_table', `Cannot export "${table}".`);
  if (flags.measure !== undefined && table !== 'engagement') return fail('usage.no_measure', `--measure works with export engagement, not export ${table}`);
  const period = periodFromFlags(flags.year, flags.quarter);
  if (!period.success) return period;
  return withDataStore(resolveDataAddress(flags, io), async (store, address) => {
    const db = await store.read();
    const subgroup = flags.subgroup === undefined ? undefined : findSubgroup(db, flags.subgroup);
    if (flags.subgroup !== undefined && !subgroup) return fail('input.unknown_subgroup', `--subgroup ${flags.subgroup}: there is no such subgroup (there are: ${db.subgroups.map((s) => s.shortName).join(', ')}).`);
    const report = await build(db, { ...(period.data ? { period: period.data } : {}), ...(subgroup ? { subgroupId: subgroup.id } : {}), flags }, io);
    if (!report.success) return report;
    const { writeReport } = await import('../export/writeReport.js');
    return emit(io, await writeReport(report.data, flags.format, io.now()), flags.out, address);
  });
}
