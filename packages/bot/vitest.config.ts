import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    // One PostgreSQL server for the run: PTRACK_TEST_DATABASE_URL, or a throwaway cluster.
    globalSetup: ['src/__fixtures__/pgServer.ts'],
  },
});
