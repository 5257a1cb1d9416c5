import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // better-sqlite3 is native: forks keep each file's connections in its own process
    pool: 'forks',
  },
});
