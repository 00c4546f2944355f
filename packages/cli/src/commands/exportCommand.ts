import {
  EXPORT_RULES,
  ExportTable,
  exportReport,
  fail,
  localDateOf,
  ok,
  type EngagementMeasure,
  type Period,
  type Result,
} from '@partnership-tracker/core';
import { resolveDataAddress, withDataStore } from '../dataStore.js';
import type { ExportFormat } from '../export/index.js';
import { periodFromFlags } from '../export/period.js';
import { AgencyDirectory, findSubgroup } from '../import/index.js';
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
  /** With compliance: one agency's own record (over every year unless --year or --quarter). */
  readonly agency?: string;
}

/**
 * Checks the flags against the table's rule (core's, which the bot's downloads follow too), in
 * the words of the flags; returns the year to compare with, for funding.
 */
function checkFlags(table: ExportTable, period: Period | undefined, flags: ExportFlags): Result<string | undefined> {
  const rule = EXPORT_RULES[table];
  if (flags.agency !== undefined && !rule.byAgency) return fail('usage.no_agency', `export ${table} is not one agency's record; leave out --agency`);
  if (rule.needsYear && period === undefined && flags.agency === undefined) {
    return fail('usage.year_required', `export ${table} needs --year, e.g. --year 2024/25${rule.byAgency ? ', or --agency for one agency\'s record over time' : ''}`);
  }
  if (period?.kind === 'quarter' && !rule.quarters) return fail('usage.no_quarters', `export ${table} covers whole financial years; leave out --quarter`);
  if (flags.subgroup !== undefined && !rule.bySubgroup) return fail('usage.no_subgroup', `export ${table} is not split by subgroup; leave out --subgroup`);
  if (flags.compare === undefined) return ok(undefined);
  if (!rule.compare) return fail('usage.no_compare', `--compare works with export funding, not export ${table}`);
  const parsed = parseYearLabel(flags.compare);
  return parsed.success ? parsed : fail('usage.bad_period', `--compare: ${parsed.error.message}`);
}

/** The tables `ptrack export` can write. */
export const EXPORT_TABLES: readonly string[] = ExportTable.options;

/** `ptrack export TABLE`: builds one table model and writes it in the format asked for. */
export async function exportCommand(name: string, flags: ExportFlags, io: Io): Promise<Result<void>> {
  const table = ExportTable.safeParse(name);
  if (!table.success) return fail('usage.unknown_table', `Cannot export "${name}".`);
  if (flags.measure !== undefined && table.data !== 'engagement') return fail('usage.no_measure', `--measure works with export engagement, not export ${name}`);
  const period = periodFromFlags(flags.year, flags.quarter);
  if (!period.success) return period;
  return withDataStore(resolveDataAddress(flags, io), async (store, address) => {
    const db = await store.read();
    const subgroup = flags.subgroup === undefined ? undefined : findSubgroup(db, flags.subgroup);
    const checked = checkFlags(table.data, period.data, flags);
    if (!checked.success) return checked;
    const agency = flags.agency === undefined ? undefined : new AgencyDirectory(db.agencies).find(flags.agency);
    if (flags.agency !== undefined && !agency) return fail('input.unknown_agency', `--agency ${flags.agency}: there is no such agency in the register.`);
    if (flags.subgroup !== undefined && !subgroup) return fail('input.unknown_subgroup', `--subgroup ${flags.subgroup}: there is no such subgroup (there are: ${db.subgroups.map((s) => s.shortName).join(', ')}).`);
    const report = exportReport(db, table.data, {
      ...(period.data ? { period: period.data } : {}),
      ...(subgroup ? { subgroupId: subgroup.id } : {}),
      ...(flags.measure ? { measure: flags.measure } : {}),
      ...(checked.data ? { compareYear: checked.data } : {}),
      ...(agency ? { agencyId: agency.id } : {}),
      today: localDateOf(io.now(), db.partnership.timeZone),
    });
    if (!report.success) return report;
    const { writeReport } = await import('../export/index.js');
    return emit(io, await writeReport(report.data, flags.format, io.now()), flags.out, address);
  });
}
