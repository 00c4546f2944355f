import { fileURLToPath } from 'node:url';
import { runner } from 'node-pg-migrate';
import type pg from 'pg';

/** The schema that holds Partnership Tracker's tables, so that it can share a database with others. */
export const SCHEMA = 'ptrack';

/** The SQL migrations, shipped beside dist/ (and src/) as plain .sql files. */
const MIGRATIONS_DIR = fileURLToPath(new URL('../../../migrations', import.meta.url));

/**
 * Brings the database's tables up to this version of Partnership Tracker with node-pg-migrate.
 * Its advisory lock waits rather than fails, so that instances starting together take turns:
 * the first migrates, the others then find nothing left to do. All pending migrations run in
 * one transaction. Gives the names of the migrations applied.
 */
export async function migrateSqlSchema(connection: pg.ClientConfig, log: (line: string) => void = () => {}): Promise<string[]> {
  const applied = await runner({
    databaseUrl: connection,
    dir: MIGRATIONS_DIR,
    direction: 'up',
    schema: SCHEMA,
    createSchema: true,
    migrationsSchema: SCHEMA,
    migrationsTable: 'migrations',
    advisoryLockMode: 'wait',
    singleTransaction: true,
    checkOrder: true,
    log,
  });
  return applied.map((migration) => migration.name);
}
