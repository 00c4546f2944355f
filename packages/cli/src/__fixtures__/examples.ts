import { readFileSync } from 'node:fs';
import { applyCommands, emptyDatabase, unwrap, type ChangeContext, type Database } from '@partnership-tracker/core';
import { describeChanges, importerFor, importers, prepareImport } from '../import/index.js';

/** The docs/examples folder: one CSV per importable entity. */
export const examplesFolder = new URL('../../../../docs/examples/', import.meta.url);

/** The change context tests import with: the CLI's system actor on 23 November 2026. */
export const testContext: ChangeContext = { actor: { kind: 'system', name: 'ptrack' }, at: '2026-11-23T12:00:00Z' };

/** Imports CSV text for an entity into a database, returning the new database or the error text. */
export function importText(db: Database, entity: string, text: string, file = `${entity}.csv`, createAgencies = false, context: ChangeContext = testContext) {
  const prepared = prepareImport(importerFor(entity)!, text, file, db, { createAgencies, now: context.at }, context);
  if (!prepared.success) return { db, error: prepared.error.message, changes: '' };
  const outcome = unwrap(applyCommands(db, prepared.data.commands, context));
  return { db: outcome.db, error: '', changes: describeChanges(outcome.audit) };
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
