import { fail, ok, type Database, type Period, type Result } from '@partnership-tracker/core';
import { resolveDataPath, withDataFile } from '../dataFile.js';
import type { ExportFormat, Report } from '../export/index.js';
import { periodFromFlags } from '../export/period.js';
import { findSubgroup } from '../import/index.js';
import type { Io } from '../io.js';
import { emit } from './output.js';

/** The flags of `ptrack export`. */
export interface ExportFlags {
  readonly data?: string;
  readonly year?: string;
  readonly quarter?: string;
  readonly subgroup?: string;
  readonly format: ExportFormat;
  readonly out?: string;
}

/** What a table builder gets: the data and the selection the flags made. */
export interface ExportSelection {
  readonly period?: Period;
  readonly subgroupId?: string;
  readonly flags: ExportFlags;
}

type TableBuilder = (db: Database, selection: ExportSelection, io: Io) => Promise<Result<Report>>;

const builders: Record<string, TableBuilder> = {
  attendance: async (db, selection) => {
    const { attendanceRegister } = await import('../export/tables/attendanceRegister.js');
    return ok(attendanceRegister(db, { ...(selection.period ? { period: selection.period } : {}), ...(selection.subgroupId ? { subgroupId: selection.subgroupId } : {}) }));
  },
};

/** The tables `ptrack export` can write. */
export const EXPORT_TABLES = Object.keys(builders);

/** `ptrack export TABLE`: builds one table model and writes it in the format asked for. */
export async function exportCommand(table: string, flags: ExportFlags, io: Io): Promise<Result<void>> {
  const build = builders[table];
  if (!build) return fail('usage.unknown_table', `Cannot export "${table}".`);
  const period = periodFromFlags(flags.year, flags.quarter);
  if (!period.success) return period;
  return withDataFile(resolveDataPath(flags.data, io), async (store) => {
    const db = await store.read();
    const subgroup = flags.subgroup === undefined ? undefined : findSubgroup(db, flags.subgroup);
    if (flags.subgroup !== undefined && !subgroup) return fail('input.unknown_subgroup', `--subgroup ${flags.subgroup}: there is no such subgroup (there are: ${db.subgroups.map((s) => s.shortName).join(', ')}).`);
    const report = await build(db, { ...(period.data ? { period: period.data } : {}), ...(subgroup ? { subgroupId: subgroup.id } : {}), flags }, io);
    if (!report.success) return report;
    const { writeReport } = await import('../export/writeReport.js');
    return emit(io, await writeReport(report.data, flags.format, io.now()), flags.out);
  });
}
