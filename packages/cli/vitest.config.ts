import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    // The bin tests start node processes and the digest test starts Chromium.
    testTimeout: 30_000,
  },
});
