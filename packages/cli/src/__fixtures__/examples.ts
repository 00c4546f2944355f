import { readFileSync } from 'node:fs';
import { applyCommands, emptyDatabase, unwrap, type ChangeContext, type Database } from '@partnership-tracker/core';
import { readCsvRecords } from '../csv/index.js';
import { describeChanges, importerFor, importers, prepareImport, type ImportOptions } from '../import/index.js';

/** The docs/examples folder: one CSV per importable entity. */
export const examplesFolder = new URL('../../../../docs/examples/', import.meta.url);

/** The change context tests import with: the CLI's system actor on 23 November 2026. */
export const testContext: ChangeContext = { actor: { kind: 'system', name: 'ptrack' }, at: '2026-11-23T12:00:00Z' };

/** Imports CSV text for an entity into a database, returning the new database, the error text, and what the summary would say. */
export function importText(
  db: Database,
  entity: string,
  text: string,
  file = `${entity}.csv`,
  createAgencies = false,
  context: ChangeContext = testContext,
  options: Partial<ImportOptions> = {},
) {
  const records = unwrap(readCsvRecords(text, file));
  const prepared = prepareImport(importerFor(entity)!, { label: file, records }, db, { createAgencies, now: context.at, ...options }, context);
  if (!prepared.success) return { db, error: prepared.error.message, changes: '', warnings: [] as string[], notes: [] as string[] };
  const outcome = unwrap(applyCommands(db, prepared.data.commands, context));
  return { db: outcome.db, error: '', changes: describeChanges(outcome.audit), warnings: prepared.data.warnings, notes: prepared.data.notes };
}

/** A new partnership with every docs/examples file imported in order, at `at` (23 November 2026 unless given). */
export function importExamples(at: string = testContext.at): { db: Database; changes: Record<string, string> } {
  let db = emptyDatabase({ name: 'Example Safeguarding Children Partnership', area: 'Croydon' });
  const changes: Record<string, string> = {};
  for (const { entity } of importers) {
    const result = importText(db, entity, readFileSync(new URL(`${entity}.csv`, examplesFolder), 'utf8'), `${entity}.csv`, false, { ...testContext, at });
    if (result.error) throw new Error(result.error);
    db = result.db;
    changes[entity] = result.changes;
  }
  return { db, changes };
}
