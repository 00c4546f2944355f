import { TEST_DATABASE_VARIABLE, testDatabaseServer } from '@partnership-tracker/core/node';

/** vitest globalSetup: one PostgreSQL server for the whole run, named in the environment for every test. */
export default async function setup(): Promise<() => Promise<void>> {
  const server = await testDatabaseServer();
  process.env[TEST_DATABASE_VARIABLE] = server.url;
  return () => server.stop();
}
