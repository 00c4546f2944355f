import { annualReport, fail, type Period, type Result } from '@partnership-tracker/core';
import { writeAnnualReport, type ReportFormat } from '@partnership-tracker/core/node';
import { resolveDataAddress, withDataStore } from '../dataStore.js';
import { periodFromFlags } from '../export/period.js';
import type { Io } from '../io.js';
import { readNarratives } from '../report/index.js';
import { emit, nowText } from './output.js';

/** The flags of `ptrack report`. */
export interface ReportFlags {
  readonly data?: string;
  readonly partnership?: string;
  readonly year: string;
  readonly format: ReportFormat;
  readonly out?: string;
  readonly narrative?: string;
}

/** `ptrack report --year 2024/25`: the annual report, built from the data, in the format asked for. */
export async function reportCommand(flags: ReportFlags, io: Io): Promise<Result<void>> {
  const period = periodFromFlags(flags.year, undefined);
  if (!period.success) return period;
  if (period.data?.kind !== 'year') return fail('usage.year_required', 'report needs --year, e.g. --year 2024/25');
  if (flags.format === 'docx' && flags.out === undefined && io.stdoutIsTerminal) {
    return fail('usage.binary_to_terminal', 'A Word file cannot be shown in a terminal: add --out FILE.docx (or redirect the output to a file).');
  }
  const narratives = flags.narrative === undefined ? { success: true as const, data: {} } : await readNarratives(io.cwd, flags.narrative);
  if (!narratives.success) return narratives;
  return withDataStore(resolveDataAddress(flags, io), async (store, address) => {
    const db = await store.read();
    const report = annualReport(db, { period: period.data as Period & { kind: 'year' }, now: nowText(io), narratives: narratives.data });
    const content = await writeAnnualReport(report, flags.format);
    const written = await emit(io, content, flags.out, address);
    if (!written.success) return written;
    const missing = [...report.missingNarratives.map((s) => `${s.id}.md`), ...report.sectionsWithoutData.map((s) => s.title)];
    if (missing.length > 0) io.stderr(`Still missing (${missing.length}): ${missing.join('; ')}.\n`);
    return written;
  });
}
