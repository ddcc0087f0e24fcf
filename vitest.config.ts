import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Unit and core tests only; Playwright specs live in tests/e2e and run under Playwright.
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    pool: 'forks', // the SQLite addon is native: separate processes, not worker threads
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
