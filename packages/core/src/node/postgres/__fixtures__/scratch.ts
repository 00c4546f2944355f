import { TEST_DATABASE_VARIABLE, createScratchDatabase } from '../throwawayCluster.js';

/** A new empty database on the run's test server (see globalSetup.ts). */
export function scratchDatabase(): Promise<string> {
  const server = process.env[TEST_DATABASE_VARIABLE];
  if (!server) throw new Error(`${TEST_DATABASE_VARIABLE} is not set: run the tests through vitest, whose globalSetup starts a server.`);
  return createScratchDatabase(server);
}
