import { applyCommands, fail, ok, type AuditEntry, type ChangeContext, type CommandInput, type Database, type Result } from '@partnership-tracker/core';
import { tableOf, type ImportSource } from '../csv/index.js';
import type { Importer, ImportOptions } from './importer.js';
import { formatProblem } from './rowReader.js';

/** What a checked import file asks for, and what its summary should say besides the changes. */
export interface PreparedImport {
  readonly commands: CommandInput[];
  readonly rows: number;
  /** Things the business team should know before trusting the result (columns ignored). */
  readonly warnings: string[];
  /** Sentences for the summary: agencies created, fields left alone. */
  readonly notes: string[];
}

/**
 * Reads and checks a whole import file (CSV or a workbook's sheet) against the data as it is,
 * returning the commands to commit only when every row is good: any problem fails the import and
 * lists every bad row. The commands are also tried on a copy of the data, so a rule only core
 * knows about is reported against the row that broke it rather than discovered half-way through
 * a write.
 */
export function prepareImport(importer: Importer, source: ImportSource, db: Database, options: ImportOptions, context: ChangeContext): Result<PreparedImport> {
  const file = source.label;
  const table = tableOf(source.records, file, importer.columns, { strict: options.strict === true });
  if (!table.success) return table;
  const rows = table.data.rows;
  const plan = importer.plan(rows, db, options);
  if (plan.problems.length > 0) {
    const sorted = [...plan.problems].sort((a, b) => a.line - b.line);
    const lines = new Set(sorted.map((p) => p.line)).size;
    return fail('import.invalid_rows', sorted.map((p) => formatProblem(file, p)).join('\n'), {
      problems: sorted,
      summary: `${lines} of ${rows.length} ${rows.length === 1 ? 'row has' : 'rows have'} problems; nothing was imported.`,
    });
  }
  const commands = plan.commands.map((p) => p.command);
  const trial = applyCommands(db, commands, context);
  if (!trial.success) {
    const index = trial.error.details?.commandIndex;
    const line = typeof index === 'number' ? plan.commands[index]?.line : commands.length === 1 ? plan.commands[0]?.line : undefined;
    const message = trial.error.message.replace(/^command \d+ of \d+ \([^)]*\): /, '');
    return fail(trial.error.code, `${file}:${line ?? 1}: ${message}`, { summary: 'Nothing was imported.' });
  }
  const { ignored } = table.data;
  const warnings =
    ignored.length === 0
      ? []
      : [`${file}: ignored ${ignored.length === 1 ? 'the column' : 'the columns'} ${ignored.map((t) => `"${t}"`).join(', ')}, which the ${importer.entity} import does not read (--strict refuses a file with such columns).`];
  return ok({ commands, rows: rows.length, warnings, notes: [...createdAgenciesNote(importer, commands), ...(plan.notes ?? [])] });
}

/** What `--create-agencies` did, and how to finish the job: the agencies it adds are placeholders. */
function createdAgenciesNote(importer: Importer, commands: readonly CommandInput[]): string[] {
  if (importer.entity === 'agencies') return [];
  const created = commands.flatMap((c) => (c.type === 'agency.upsert' ? [c.agency.name] : []));
  if (created.length === 0) return [];
  return [
    `Added ${created.length === 1 ? 'an agency' : `${created.length} agencies`} the register lacked (${created.map((name) => `"${name}"`).join(', ')}) with sector "other" and no statutory role: ` +
      'set them in an agencies file (columns name, sector, statutory_role) and run `ptrack import agencies`, so that rollups by sector and statutory partner count them right.',
  ];
}

const plurals: Record<string, [string, string]> = {
  agency: ['agency', 'agencies'],
  person: ['person', 'people'],
  subgroup: ['subgroup', 'subgroups'],
  meeting: ['meeting', 'meetings'],
  attendance: ['register line', 'register lines'],
  contribution: ['income line', 'income lines'],
  expenditure: ['spending line', 'spending lines'],
  plan: ['plan', 'plans'],
  action: ['action', 'actions'],
  trainingCourse: ['training course', 'training courses'],
  trainingBooking: ['training booking', 'training bookings'],
  elearningResult: ['eLearning result', 'eLearning results'],
  trainingBaseline: ['published training year', 'published training years'],
  return: ['return', 'returns'],
  returnResponse: ['return response', 'return responses'],
};

/** Says in one sentence what a committed change did, from its audit entries ("added 3 agencies; changed 1 person"). */
export function describeChanges(audit: readonly AuditEntry[]): string {
  if (audit.length === 0) return 'nothing changed (everything in the file was already there)';
  const counts = new Map<string, number>();
  for (const entry of audit) {
    const verb = entry.before === null ? 'added' : entry.after === null ? 'removed' : 'changed';
    const key = `${verb}|${entry.entity}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts]
    .map(([key, count]) => {
      const [verb, entity] = key.split('|') as [string, string];
      const [one, many] = plurals[entity] ?? [entity, `${entity}s`];
      return `${verb} ${count} ${count === 1 ? one : many}`;
    })
    .join('; ');
}
