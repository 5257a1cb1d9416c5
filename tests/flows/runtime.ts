// What the generated flow specs (tests/flows/generated) run on: the `app` fixture that puts the
// console in a start node's state, the {{key}} values, and the coverage summary per flow file.
import { test as base, expect } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { coverageSummary, type CoverageReport } from '../../electron/core/flows/flow-paths.js';
import { login } from '../e2e/helpers.js';
import { fillIn } from './data.js';

export { expect };

export interface FlowApp {
  /** The start node's state. Playwright opens each test in a fresh browser context (no session
   *  token, no stored language), which is the logged-out login page; with `as`, that demo user
   *  logs in through the form and the test begins on the home page. */
  start(o: { as?: string }): Promise<void>;
  /** A model's "{{customer.phone}}" with the value filled in */
  data(template: string): string;
}

export const test = base.extend<{ app: FlowApp }>({
  app: async ({ page, request }, use) => {
    await use({
      async start({ as }) {
        if (!as) return;
        // the demo users and their passwords, as the login page lists them
        const status = (await (await request.get('/api/auth/status')).json()) as { demoUsers?: { username: string; password: string }[] };
        const user = status.demoUsers?.find((u) => u.username === as);
        if (!user) throw new Error(`"as": "${as}" is not a demo user of this server (${status.demoUsers?.map((u) => u.username).join(', ') ?? 'none'})`);
        await login(page, user.username, user.password);
      },
      data: fillIn,
    });
  },
});

/**
 * Registers the per-file coverage summary: which edges the tests that passed walked, printed after
 * the file and written to test-results/flows/<flow>.coverage.json beside the checked-in report.
 */
export function flowFile(flow: string): void {
  const passed = new Set<string>();
  test.afterEach(async ({}, info) => {
    const id = info.annotations.find((a) => a.type === 'flow-path')?.description;
    if (id && info.status === 'passed') passed.add(id);
  });
  test.afterAll(async ({}, info) => {
    const report = JSON.parse(fs.readFileSync(info.file.replace(/\.spec\.ts$/, '.coverage.json'), 'utf8')) as CoverageReport;
    console.log(coverageSummary(report, passed).join('\n'));
    const out = path.resolve('test-results', 'flows');
    fs.mkdirSync(out, { recursive: true });
    fs.writeFileSync(path.join(out, `${flow}.coverage.json`), JSON.stringify({ ...report, passed: [...passed].sort() }, null, 1));
  });
}
