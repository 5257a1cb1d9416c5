// What the generated flow specs (tests/flows/generated) run on: the `app` fixture that puts the
// console in a start node's state, the {{key}} values, and the coverage summary per flow file.
import { test as base, expect, type APIRequestContext } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { coverageSummary, type CoverageReport } from '../../electron/core/flows/flow-paths.js';
import { LONG, login } from '../e2e/helpers.js';
import { fillIn } from './data.js';

export { expect, LONG };

/** The limit of a test holding `waits` waits on a done signal, each up to LONG (helpers.ts LONG_TEST). */
export const longTest = (waits: number): number => waits * LONG.timeout + 2 * 60_000;

export interface FlowApp {
  /** The start node's state. Playwright opens each test in a fresh browser context (no session
   *  token, no stored language), which is the logged-out login page; with `as`, that demo user
   *  logs in through the form and the test begins on the home page. */
  start(o: { as?: string }): Promise<void>;
  /** A model's "{{customer.phone}}" with the value filled in */
  data(template: string): string;
}

type DemoUser = { username: string; password: string };

/** The demo users and their passwords, as the login page lists them. */
async function demoUser(request: APIRequestContext, name: string): Promise<DemoUser> {
  const status = (await (await request.get('/api/auth/status')).json()) as { demoUsers?: DemoUser[] };
  const user = status.demoUsers?.find((u) => u.username === name);
  if (!user) throw new Error(`"as": "${name}" is not a demo user of this server (${status.demoUsers?.map((u) => u.username).join(', ') ?? 'none'})`);
  return user;
}

/**
 * Puts the demo bank back as the test found it when a test stopped between committing an
 * {{upload.*}} file and undoing it (the import flow undoes its own commit): every batch of such a
 * file still committed is undone over the API, newest first, as the administrator.
 */
async function undoUploads(request: APIRequestContext, names: Set<string>): Promise<string[]> {
  const admin = await demoUser(request, 'admin');
  const r = await request.post('/api/auth/login', { data: admin });
  if (!r.ok()) throw new Error(`cleanup: admin log-in refused (${r.status()})`);
  const headers = { Authorization: `Bearer ${((await r.json()) as { token: string }).token}` };
  const batches = (await (await request.get('/api/import/batches', { headers })).json()) as { batchId: number; file: string; status: string }[];
  const left = batches.filter((b) => b.status === 'committed' && names.has(path.basename(b.file))).sort((a, b) => b.batchId - a.batchId);
  for (const b of left) {
    const u = await request.post(`/api/import/batches/${b.batchId}/undo`, { headers, data: {} }); // the API takes JSON bodies only
    if (!u.ok()) throw new Error(`cleanup: undo of batch #${b.batchId} (${b.file}) refused: ${u.status()} ${await u.text()}`);
  }
  return left.map((b) => `#${b.batchId} ${b.file}`);
}

export const test = base.extend<{ app: FlowApp }>({
  app: async ({ page, request }, use) => {
    const uploads = new Set<string>();
    await use({
      async start({ as }) {
        if (!as) return;
        const user = await demoUser(request, as);
        await login(page, user.username, user.password);
      },
      data(template) {
        const v = fillIn(template);
        if (/\{\{\s*upload\.\w+\s*\}\}/.test(template)) uploads.add(path.basename(v));
        return v;
      },
    });
    if (uploads.size) {
      const undone = await undoUploads(request, uploads);
      if (undone.length) console.log(`flows: undid what the test left committed: ${undone.join(', ')}`);
    }
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
