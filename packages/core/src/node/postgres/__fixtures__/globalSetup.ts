import { TEST_DATABASE_VARIABLE, testDatabaseServer } from '../throwawayCluster.js';

/** vitest globalSetup: one PostgreSQL server for the whole run, named in the environment for every test (and child process). */
export default async function setup(): Promise<() => Promise<void>> {
  const server = await testDatabaseServer();
  process.env[TEST_DATABASE_VARIABLE] = server.url;
  return () => server.stop();
}
