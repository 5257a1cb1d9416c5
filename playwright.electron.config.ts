// The desktop test on its own: it needs an Electron binary, which most CI machines here lack (the
// test then skips and says why), and it must not share workers with the web e2e suite.
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: './tests/electron',
  testMatch: /.*\.electron\.test\.ts$/,
  // the first launch generates and imports the demo bank before the login page appears
  timeout: 240_000,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  outputDir: 'test-results/electron',
});
