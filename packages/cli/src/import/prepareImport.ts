import { applyCommands, fail, ok, type AuditEntry, type ChangeContext, type CommandInput, type Database, type Result } from '@partnership-tracker/core';
import { readCsv } from '../csv/index.js';
import type { Importer, ImportOptions } from './importer.js';
import { formatProblem } from './rowReader.js';

/**
 * Reads and checks a whole import file against the data as it is, returning the commands to
 * commit only when every row is good: any problem fails the import and lists every bad row.
 * The commands are also tried on a copy of the data, so a rule only core knows about is
 * reported against the row that broke it rather than discovered half-way through a write.
 */
export function prepareImport(
  importer: Importer,
  text: string,
  file: string,
  db: Database,
  options: ImportOptions,
  context: ChangeContext,
): Result<{ commands: CommandInput[]; rows: number }> {
  const rows = readCsv(text, file, importer.columns);
  if (!rows.success) return rows;
  const plan = importer.plan(rows.data, db, options);
  if (plan.problems.length > 0) {
    const sorted = [...plan.problems].sort((a, b) => a.line - b.line);
    const lines = new Set(sorted.map((p) => p.line)).size;
    return fail('import.invalid_rows', sorted.map((p) => formatProblem(file, p)).join('\n'), {
      problems: sorted,
      summary: `${lines} of ${rows.data.length} ${rows.data.length === 1 ? 'row has' : 'rows have'} problems; nothing was imported.`,
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
  return ok({ commands, rows: rows.data.length });
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
