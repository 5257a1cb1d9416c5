// The assessment API over the hand-built bank (bank.ts): sheets and rankings in the caller's
// scope, target cells and adjustments only on objects of the scope (404 otherwise), lock by a
// whole-bank user only, unlock by an administrator only, each change audited.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AssessResult, RankingRow } from '../../../shared/assessment.js';
import type { Role } from '../../../shared/permissions.js';
import { apiIdle, createApi } from '../../../electron/core/api/index.js';
import { getUser, insertUser, SessionStore } from '../../../electron/core/auth/index.js';
import { openDb, type Db } from '../../../electron/core/db/connection.js';
import { importPaths } from '../../../electron/core/import/index.js';
import { FILES } from './bank.js';

let dir: string;
let db: Db;
let app: ReturnType<typeof createApi>;
const sessions = new SessionStore();
let poB2: Record<string, string>;

/** a session of a user of the role at the head office H (or at `org`), made directly: no sign-in */
function as(role: Role, org = 'H', username = `t_${role}`): Record<string, string> {
  if (!getUser(db, username)) insertUser(db, { username, displayName: username, role, orgId: org }, 'not-a-hash: never signs in');
  return { authorization: `Bearer ${sessions.create(getUser(db, username)!)}` };
}
const t = { auth: (role: Role) => as(role), get db() { return db; } };

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'assess-api-'));
  db = openDb(path.join(dir, 'bank.sqlite'));
  const files = Object.entries(FILES).map(([n, body]) => {
    const p = path.join(dir, n);
    fs.writeFileSync(p, body);
    return p;
  });
  for (const r of await importPaths(db, files)) expect(r.error, r.file).toBeUndefined();
  app = createApi({ db, dataDir: dir, sessions });
  // a 绩效专员 of 二支行 (B2): sees B2 and its staff E2, E3
  poB2 = as('performance_officer', 'B2', 'po_b2');
});

afterAll(async () => {
  await apiIdle(app);
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function call(who: Record<string, string>, method: string, url: string, body?: unknown): Promise<Response> {
  return app.fetch(
    new Request(`http://localhost${url}`, { method, headers: { ...who, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) }),
  );
}
const ids = (r: AssessResult) => r.sheets.map((s) => s.object.id);

describe('reading', () => {
  it('all sheets for the head office, B2 and its staff for a B2 user; a bad period is a 400 naming it', async () => {
    const all = (await (await call(t.auth('admin'), 'GET', '/api/assess?period=2024-07&all=1')).json()) as AssessResult;
    expect(ids(all)).toEqual(['H', 'B1', 'S11', 'B2', 'B3', 'E1', 'E2', 'E3']);
    const mine = (await (await call(poB2, 'GET', '/api/assess?period=2024-07&all=1')).json()) as AssessResult;
    expect(ids(mine)).toEqual(['B2', 'E2', 'E3']);
    expect((await call(poB2, 'GET', '/api/assess?period=2024-07&staff=E1')).status).toBe(404);
    const bad = await call(poB2, 'GET', '/api/assess?period=2024-13');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ code: 'bad_period' });
  });

  it('a ranking lists the scope\'s peers with their bank-wide ranks: 日均 E2 6200 (1), E1 3010 (2), E3 0 (3)', async () => {
    const rows = (await (await call(poB2, 'GET', '/api/assess/ranking?period=2024-07&type=staff&indicator=deposit_avg')).json()) as RankingRow[];
    expect(rows.map((r) => [r.object.id, r.rank, r.value])).toEqual([['E2', 1, 6200], ['E3', 3, 0]]);
    // E3 is 6200 behind the best; the average of the three is (6200 + 3010 + 0) / 3
    expect(rows[1].gap_to_best).toBe(6200);
    expect(rows[1].gap_to_avg).toBeCloseTo(9210 / 3, 9);
  });
});

describe('changing', () => {
  it('target cells and adjustments only on objects of the scope; a reason is required', async () => {
    expect((await call(poB2, 'PUT', '/api/assess/targets?period=2024-07', { object_type: 'org', object_id: 'B1', indicator: 'visits', value: 3 })).status).toBe(404);
    expect((await call(poB2, 'PUT', '/api/assess/targets?period=2024-07', { object_type: 'staff', object_id: 'E3', indicator: 'visits', value: 3 })).status).toBe(200);
    const cells = (await (await call(poB2, 'GET', '/api/assess/targets?period=2024-07')).json()) as { cells: { object_id: string; indicator: string; value: number }[] };
    expect(cells.cells).toContainEqual(expect.objectContaining({ object_id: 'E3', indicator: 'visits', value: 3 }));
    // B1's targets are not the B2 user's to see
    expect(cells.cells.some((c) => c.object_id === 'B1')).toBe(false);

    expect((await call(poB2, 'POST', '/api/assess/adjustments', { period: '2024-07', object_type: 'org', object_id: 'B1', points: 2, reason: '外行' })).status).toBe(404);
    const noReason = await call(poB2, 'POST', '/api/assess/adjustments', { period: '2024-07', object_type: 'org', object_id: 'B2', points: 2, reason: '  ' });
    expect(await noReason.json()).toMatchObject({ code: 'reason_required' });
    const ok = await call(poB2, 'POST', '/api/assess/adjustments', { period: '2024-07', object_type: 'org', object_id: 'B2', points: 2, reason: '联合营销' });
    expect(ok.status).toBe(201);
    // B2: 30 + 25 + 0 + 2 (no alerts in this bank)
    const b2 = (await (await call(poB2, 'GET', '/api/assess?period=2024-07&org=B2')).json()) as AssessResult;
    expect(b2.sheets[0]).toMatchObject({ adjustments: 2, total: 57 });
    // an adjustment of B1 (the administrator's) does not exist for the B2 user
    const other = (await (await call(t.auth('admin'), 'POST', '/api/assess/adjustments', { period: '2024-07', object_type: 'org', object_id: 'B1', points: -1, reason: '差错' })).json()) as { id: number };
    expect((await call(poB2, 'DELETE', `/api/assess/adjustments/${other.id}`)).status).toBe(404);
    expect((await call(t.auth('admin'), 'DELETE', `/api/assess/adjustments/${other.id}`)).status).toBe(200);
    const actions = t.db.prepare("SELECT action FROM audit_log WHERE action LIKE 'assess_%' ORDER BY id").pluck().all();
    expect(actions).toEqual(['assess_target', 'assess_adjust', 'assess_adjust', 'assess_adjust']);
  });

  it('the targets of a month without data yet: the scope\'s objects are listed and a cell can be set', async () => {
    // 2024-09 has no data day (the bank holds July); B2's 绩效专员 sees B2 and its staff E2, E3 only
    const r = (await (await call(poB2, 'GET', '/api/assess/targets?period=2024-09')).json()) as { objects: { type: string; id: string }[]; cells: unknown[] };
    expect(r.objects.map((o) => `${o.type}:${o.id}`)).toEqual(['org:B2', 'staff:E2', 'staff:E3']);
    expect(r.cells).toEqual([]);
    expect((await call(poB2, 'PUT', '/api/assess/targets?period=2024-09', { object_type: 'org', object_id: 'B2', indicator: 'visits', value: 5 })).status).toBe(200);
    const after = (await (await call(poB2, 'GET', '/api/assess/targets?period=2024-09')).json()) as { cells: { object_id: string; value: number }[] };
    expect(after.cells).toEqual([expect.objectContaining({ object_id: 'B2', indicator: 'visits', value: 5 })]);
    expect((await call(poB2, 'PUT', '/api/assess/targets?period=2024-09', { object_type: 'org', object_id: 'B2', indicator: 'visits', value: null })).status).toBe(200);
    // both changes audited
    expect(t.db.prepare("SELECT COUNT(*) FROM audit_log WHERE action = 'assess_target' AND detail LIKE '%2024-09%'").pluck().get()).toBe(2);
  });

  it('a scheme that fails validation is a 400; a good one is version 1', async () => {
    const bad = await call(t.auth('admin'), 'PUT', '/api/assess/schemes/org', { name: 'x', deduction: { per_alert: 1, max: 10 }, indicators: [{ indicator: 'deposit_avg', weight: 30, lowerIsBetter: false, floor: 1.3, cap: 1.2 }] });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ code: 'bad_scheme' });
    const good = await call(t.auth('performance_officer'), 'PUT', '/api/assess/schemes/org', { name: '2024 支行方案', deduction: { per_alert: 2, max: 6 }, indicators: [{ indicator: 'deposit_avg', weight: 40, lowerIsBetter: false, floor: 0.5, cap: 1.5 }] });
    expect(good.status).toBe(200);
    expect(await good.json()).toMatchObject({ version: 1, saved_by: 't_performance_officer' });
    expect((await call(t.auth('branch_manager'), 'PUT', '/api/assess/schemes/org', {})).status).toBe(403);
  });

  it('lock takes a whole-bank user; a locked period refuses edits (409); unlock takes an administrator', async () => {
    const refused = await call(poB2, 'POST', '/api/assess/lock', { period: '2024-07' });
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ code: 'whole_bank_only' });
    const locked = (await (await call(t.auth('performance_officer'), 'POST', '/api/assess/lock', { period: '2024-07' })).json()) as AssessResult;
    expect(locked.locked).toMatchObject({ by: 't_performance_officer', data_changed_since: false });
    const edit = await call(poB2, 'PUT', '/api/assess/targets?period=2024-07', { object_type: 'org', object_id: 'B2', indicator: 'visits', value: 1 });
    expect(edit.status).toBe(409);
    expect(await edit.json()).toMatchObject({ code: 'period_locked' });
    expect((await call(t.auth('performance_officer'), 'POST', '/api/assess/unlock', { period: '2024-07' })).status).toBe(403);
    expect((await call(t.auth('admin'), 'POST', '/api/assess/unlock', { period: '2024-07' })).status).toBe(200);
    expect((await call(t.auth('admin'), 'POST', '/api/assess/unlock', { period: '2024-07' })).status).toBe(409);
  });
});
