import { defineConfig, devices } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// One temp folder per run. The config is evaluated again in every worker; the environment variable
// set here in the runner is inherited by them, so they all see the same folder.
process.env.BC_E2E_DIR ??= fs.mkdtempSync(path.join(os.tmpdir(), 'bc-e2e-'));
const DIR = process.env.BC_E2E_DIR;

export const PORTS = { demo: 5191, fresh: 5192 } as const;

const chromium = {
  ...devices['Desktop Chrome'],
  viewport: { width: 1366, height: 768 },
  locale: 'zh-CN',
  timezoneId: 'Asia/Shanghai',
  launchOptions: {
    // Playwright's own browser download does not work on these machines: use the system Chromium.
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  },
};

const server = (mode: keyof typeof PORTS) => ({
  command: `node bin/run-ts.js tests/e2e/serve.ts ${mode} ${PORTS[mode]}`,
  url: `http://127.0.0.1:${PORTS[mode]}/api/auth/status`,
  env: { BC_E2E_DIR: DIR },
  reuseExistingServer: false,
  // seeding comes first; the server answering is the done signal, and a busy machine may seed slowly
  timeout: 10 * 60_000,
  stdout: 'pipe' as const,
  stderr: 'pipe' as const,
});

export default defineConfig({
  testDir: 'tests/e2e',
  globalTeardown: './tests/e2e/global-teardown.ts',
  fullyParallel: false,
  workers: 1, // two cores, and the import spec walks one database through a sequence
  retries: 0,
  timeout: 120_000,
  expect: { timeout: 30_000 },
  reporter: [['list']],
  use: { trace: 'retain-on-failure', screenshot: 'only-on-failure' },
  projects: [
    // the seeded demo bank: log-ins, permissions, home figures
    { name: 'demo', testMatch: /demo\..*spec\.ts/, use: { ...chromium, baseURL: `http://127.0.0.1:${PORTS.demo}` } },
    // a fresh database: first-run setup, then the export folder imported through the UI
    { name: 'fresh', testMatch: /fresh\..*spec\.ts/, use: { ...chromium, baseURL: `http://127.0.0.1:${PORTS.fresh}` } },
    // tests generated from the flow models (tests/flows/models → npm run flows), on the demo bank
    { name: 'flows', testDir: 'tests/flows/generated', testMatch: /\.spec\.ts$/, use: { ...chromium, baseURL: `http://127.0.0.1:${PORTS.demo}` } },
  ],
  webServer: [server('demo'), server('fresh')],
});
