import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { unwrap } from '../../../common/base/result.js';
import { PgPartnerships } from '../pgPartnerships.js';
import { TEST_DATABASE_VARIABLE, createScratchDatabase } from '../throwawayCluster.js';

/** A new empty database on the run's test server (see globalSetup.ts). */
export function scratchDatabase(): Promise<string> {
  const server = process.env[TEST_DATABASE_VARIABLE];
  if (!server) throw new Error(`${TEST_DATABASE_VARIABLE} is not set: run the tests through vitest, whose globalSetup starts a server.`);
  return createScratchDatabase(server);
}

/** A test file's own database: its URL, its partnerships, and a client for looking at (or spoiling) the rows directly. */
export interface ScratchPartnerships {
  url: string;
  partnerships: PgPartnerships;
  admin: pg.Client;
}

/** Makes a database for the calling test file before its tests, and closes its connections after them. */
export function useScratchPartnerships(): ScratchPartnerships {
  const scratch = {} as ScratchPartnerships;
  beforeAll(async () => {
    scratch.url = await scratchDatabase();
    scratch.partnerships = unwrap(await PgPartnerships.connect(scratch.url));
    scratch.admin = new pg.Client({ connectionString: scratch.url });
    await scratch.admin.connect();
  });
  afterAll(async () => {
    await scratch.admin?.end();
    await scratch.partnerships?.close();
  });
  return scratch;
}
