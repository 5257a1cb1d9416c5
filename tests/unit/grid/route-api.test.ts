// POST /api/map/route and /api/map/route/export over the look-alike branches of twins.ts, given
// coordinates here: who may plan for whom (the staff member's org inside the caller's scope; a
// 客户经理 limited to their own customers only for themselves), names masked, reasons only for
// customers of the scope, the export read back (exceljs, pdftotext) and audited.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoutePlan } from '../../../shared/grid.js';
import type { Role } from '../../../shared/permissions.js';
import { apiIdle, createApi } from '../../../electron/core/api/index.js';
import { getUser, hashPassword, insertUser, SessionStore } from '../../../electron/core/auth/index.js';
import { setUserStaffId } from '../../../electron/core/scope/index.js';
import { haversineM } from '../../../electron/core/grid/route/haversine.js';
import { DATE, tempTwins } from '../scope/twins.js';

type Who = 'hq_admin' | 'a_head' | 'b_lobby' | 'a_mgr';
const USERS: { username: Who; role: Role; org: string; staff?: string }[] = [
  { username: 'hq_admin', role: 'admin', org: 'QZH0' },
  { username: 'a_head', role: 'branch_manager', org: 'QZA0' },
  { username: 'b_lobby', role: 'lobby_manager', org: 'QZB0' },
  { username: 'a_mgr', role: 'account_manager', org: 'QZA0', staff: 'EA01' },
];

let app: Hono;
let close: () => void;
let dir: string;
let db: ReturnType<typeof tempTwins>['db'];
const tokens = new Map<Who, string>();

beforeAll(async () => {
  const t = tempTwins();
  ({ db, close, dir } = t);
  // points: each 支行 and its customers a few hundred metres apart; CUx02 (李娜) has none
  db.prepare("UPDATE org SET lng = 118.60, lat = 24.90 WHERE org_id = 'QZA0'").run();
  db.prepare("UPDATE org SET lng = 118.58, lat = 24.78 WHERE org_id = 'QZB0'").run();
  const pts: Record<string, [number, number]> = { CUA01: [118.605, 24.9], CUA03: [118.6, 24.905], CUA04: [118.61, 24.91], CUB01: [118.585, 24.78], CUB03: [118.58, 24.785], CUB04: [118.59, 24.79] };
  for (const [id, [lng, lat]] of Object.entries(pts)) db.prepare('UPDATE customer SET lng = ?, lat = ? WHERE cust_id = ?').run(lng, lat, id);
  db.prepare("UPDATE grid SET owner_staff_id = 'EA01' WHERE grid_id = 'GDA1'").run();
  const sessions = new SessionStore();
  app = createApi({ db, dataDir: dir, sessions });
  const hash = await hashPassword('password1');
  for (const u of USERS) {
    insertUser(db, { username: u.username, displayName: u.username, role: u.role, orgId: u.org }, hash);
    if (u.staff) setUserStaffId(db, u.username, u.staff);
    tokens.set(u.username, sessions.create(getUser(db, u.username)!));
  }
});
afterAll(async () => {
  await apiIdle(app);
  close();
});

const post = (who: Who, url: string, body: unknown) =>
  app.fetch(new Request(`http://localhost${url}`, { method: 'POST', headers: { authorization: `Bearer ${tokens.get(who)}`, 'content-type': 'application/json' }, body: JSON.stringify(body) }));

describe('POST /api/map/route', () => {
  it("EA01's route: CUA04 and CUA01 (CUA01 was visited 07-20, 11 days before), CUA03 is EA02's; names masked", async () => {
    const res = await post('hq_admin', '/api/map/route', { staff: 'EA01', date: DATE });
    expect(res.status).toBe(200);
    const plan = (await res.json()) as RoutePlan;
    // EA01 manages CUA01 and CUA04 (twins.ts); CUA01's visit on 07-20 lies in the 90 days → only CUA04
    expect(plan.stops.map((s) => s.cust_id)).toEqual(['CUA04']);
    expect(plan.start).toEqual({ org_id: 'QZA0', lng: 118.6, lat: 24.9 });
    // 泉州鑫达贸易有限公司 masked (never the whole name)
    expect(plan.stops[0].name).toBeTruthy();
    expect(plan.stops[0].name).not.toBe('泉州鑫达贸易有限公司');
    expect(plan.total_m).toBeCloseTo(2 * haversineM(118.6, 24.9, 118.61, 24.91), 6);
  });

  it('add and remove edit the set; an added customer outside the scope is a 404', async () => {
    const plan = (await (await post('a_head', '/api/map/route', { staff: 'EA01', date: DATE, add: ['CUA03', 'CUA01'], remove: ['CUA04'] })).json()) as RoutePlan;
    expect(plan.stops.map((s) => s.cust_id).sort()).toEqual(['CUA01', 'CUA03']);
    expect((await post('a_head', '/api/map/route', { staff: 'EA01', date: DATE, add: ['CUB01'] })).status).toBe(404);
    const noPoint = await post('a_head', '/api/map/route', { staff: 'EA01', date: DATE, add: ['CUA02'] });
    expect(noPoint.status).toBe(400);
    expect(await noPoint.text()).toMatch(/CUA02/);
  });

  it('only for staff inside the scope: 晋江 is a 404 for 鲤城, a 客户经理 plans only for themselves', async () => {
    expect((await post('a_head', '/api/map/route', { staff: 'EB01', date: DATE })).status).toBe(404);
    expect((await post('b_lobby', '/api/map/route', { staff: 'EA01', date: DATE })).status).toBe(404);
    expect((await post('b_lobby', '/api/map/route', { staff: 'EB01', date: DATE })).status).toBe(200);
    expect((await post('a_mgr', '/api/map/route', { staff: 'EA02', date: DATE })).status).toBe(404);
    expect((await post('a_mgr', '/api/map/route', { staff: 'EA01', date: DATE })).status).toBe(200);
  });

  it('given stops: a customer outside the scope is a mere point (no name, no reasons)', async () => {
    const res = await post('a_head', '/api/map/route', { staff: 'EA01', date: DATE, stops: [{ id: 'CUB01', lng: 118.7, lat: 24.9 }, { id: 'CUA03', lng: 118.6, lat: 24.905 }] });
    const text = await res.text();
    expect(res.status).toBe(200);
    expect(text).not.toContain('张');
    const plan = JSON.parse(text) as RoutePlan;
    const b = plan.stops.find((s) => s.cust_id === 'CUB01')!;
    expect(b.reasons).toEqual([]);
    expect(b.name).toBeUndefined();
    expect(plan.stops.find((s) => s.cust_id === 'CUA03')!.name).toBeTruthy();
    const bad = await post('a_head', '/api/map/route', { staff: 'EA01', date: DATE, stops: [{ id: 'X', lng: 500, lat: 24.9 }] });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toMatch(/entry 1/);
  });
});

describe('POST /api/map/route/export', () => {
  const plan = { staff: 'EA01', stops: [{ cust_id: 'CUA04', lng: 118.61, lat: 24.91 }, { cust_id: 'CUA01', lng: 118.605, lat: 24.9 }] };

  it('XLSX: title, the numbered stops in the order given, masked names, legs and total recomputed, a blank result column; audited', async () => {
    const before = db.prepare("SELECT count(*) FROM audit_log WHERE action = 'export' AND target = 'route.xlsx'").pluck().get() as number;
    const res = await post('a_head', '/api/map/route/export', { plan, format: 'xlsx', date: DATE });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/filename\*=UTF-8''%E8%B5%B0%E8%AE%BF%E6%B8%85%E5%8D%95/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    const rows: unknown[][] = [];
    ws.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
    expect(rows[0][0]).toBe('走访清单');
    const headAt = rows.findIndex((r) => r[0] === '序号');
    expect(rows[headAt]).toEqual(['序号', '客户号', '客户名称', '走访理由（待营销业务）', '距上一站（公里）', '走访结果']);
    const body = rows.slice(headAt + 1);
    expect(body[0].slice(0, 2)).toEqual([1, 'CUA04']);
    expect(body[1].slice(0, 2)).toEqual([2, 'CUA01']);
    expect(String(body[1][2])).not.toBe('张伟');
    // legs in km to 0.1: start → CUA04 → CUA01 → start, by haversine here
    const legs = [haversineM(118.6, 24.9, 118.61, 24.91), haversineM(118.61, 24.91, 118.605, 24.9), haversineM(118.605, 24.9, 118.6, 24.9)];
    expect(body[0][4]).toBe(Math.round(legs[0] / 100) / 10);
    expect(body[2][4]).toBe(Math.round(legs[2] / 100) / 10);
    expect(body[3][4]).toBe(Math.round((legs[0] + legs[1] + legs[2]) / 100) / 10);
    expect(body[0][5] ?? '').toBe('');
    const after = db.prepare("SELECT detail FROM audit_log WHERE action = 'export' AND target = 'route.xlsx' ORDER BY id").pluck().all() as string[];
    expect(after.length).toBe(before + 1);
    expect(JSON.parse(after[after.length - 1]).stops).toEqual(['CUA04', 'CUA01']);
  });

  it('PDF: 走访清单 and the stop count, read back by pdftotext; 404 for a staff member outside the scope', async () => {
    const res = await post('a_head', '/api/map/route/export', { plan, format: 'pdf', date: DATE });
    expect(res.status).toBe(200);
    const file = path.join(dir, 'route.pdf');
    fs.writeFileSync(file, Buffer.from(await res.arrayBuffer()));
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain('走访清单');
    expect(text).toMatch(/站点数：2/);
    expect(text).toContain('CUA04');
    // the 大堂经理 may not export at all; a 客户经理 not for a colleague
    expect((await post('b_lobby', '/api/map/route/export', { plan, format: 'pdf', date: DATE })).status).toBe(403);
    expect((await post('a_mgr', '/api/map/route/export', { plan: { ...plan, staff: 'EA02' }, format: 'pdf', date: DATE })).status).toBe(404);
  });
});
