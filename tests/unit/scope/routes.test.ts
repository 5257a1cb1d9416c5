// Data scope through the real API: every route of the Router's permission table is called by a
// user of each scope over the look-alike branches of twins.ts, and no response may carry an
// identifier of a row the user's scope does not hold. What each user may see is worked out here
// from a small model of the rows (written by hand beside twins.ts), not by the scope module.
// A new route fails this test until it says how to call it (VARIANTS) or why it reads no rows
// (NO_ROWS).
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hono } from 'hono';
import type { HomeSummary, UserInfo } from '../../../shared/api.js';
import type { Customer360, GapPage, SearchResult } from '../../../shared/crm.js';
import type { ScopeInfo } from '../../../shared/scope.js';
import { ROLE_PERMISSIONS, type Permission, type Role } from '../../../shared/permissions.js';
import { apiIdle, createApi, routesOf, type RouteDef } from '../../../electron/core/api/index.js';
import { getUser, hashPassword, insertUser, SessionStore } from '../../../electron/core/auth/index.js';
import { importPaths } from '../../../electron/core/import/index.js';
import { setUserStaffId } from '../../../electron/core/scope/index.js';
import { DATE, identifiers, ORGS, tempTwins } from './twins.js';

// --- who may see what, by hand ---

type Who = 'hq_admin' | 'a_head' | 'a_sub' | 'b_lobby' | 'a_mgr';
const USERS: { username: Who; role: Role; org: string; staff?: string; what: string }[] = [
  { username: 'hq_admin', role: 'admin', org: 'QZH0', what: 'head office administrator: the whole bank' },
  { username: 'a_head', role: 'branch_manager', org: 'QZA0', what: '行长 of 鲤城支行: QZA0 and QZA1' },
  { username: 'a_sub', role: 'performance_officer', org: 'QZA1', what: 'a user of 开元分理处: QZA1 only' },
  { username: 'b_lobby', role: 'lobby_manager', org: 'QZB0', what: '大堂经理 of 晋江支行: QZB0 and QZB1' },
  { username: 'a_mgr', role: 'account_manager', org: 'QZA0', staff: 'EA01', what: '客户经理 EA01 of 鲤城, own customers only' },
];

/** orgs each user's scope holds (null: every org, and the rows of orgs not loaded) */
const SCOPE_ORGS: Record<Who, string[] | null> = {
  hq_admin: null,
  a_head: ['QZA0', 'QZA1'],
  a_sub: ['QZA1'],
  b_lobby: ['QZB0', 'QZB1'],
  a_mgr: ['QZA0', 'QZA1'],
};
const MANAGER: Partial<Record<Who, string>> = { a_mgr: 'EA01' };
/** the orgs above each scope's root: their ids may appear as a parent, they hold no rows of the user */
const ABOVE: Record<Who, string[]> = { hq_admin: [], a_head: ['QZH0'], a_sub: ['QZH0', 'QZA0'], b_lobby: ['QZH0'], a_mgr: ['QZH0'] };

/** Each identifier's row: its customer (if any) and the org it belongs to, resolved by hand. */
const CUSTOMERS: Record<string, { org: string; manager: string | null }> = {
  CUA01: { org: 'QZA0', manager: 'EA01' }, CUA02: { org: 'QZA1', manager: 'EA11' }, CUA03: { org: 'QZA0', manager: 'EA02' }, CUA04: { org: 'QZA0', manager: 'EA01' },
  CUB01: { org: 'QZB0', manager: 'EB01' }, CUB02: { org: 'QZB1', manager: 'EB11' }, CUB03: { org: 'QZB0', manager: 'EB02' }, CUB04: { org: 'QZB0', manager: 'EB01' },
  CUZ01: { org: 'QZX9', manager: null },
};
const ROWS: Record<string, { cust?: string; org: string; kind?: 'org' | 'staff' }> = {
  ...Object.fromEntries(Object.entries(CUSTOMERS).map(([id, c]) => [id, { cust: id, org: c.org }])),
  ...Object.fromEntries(['A', 'B'].flatMap((b) => [
    [`DP${b}1`, { cust: `CU${b}01`, org: `QZ${b}0` }],
    [`DP${b}2`, { cust: `CU${b}02`, org: `QZ${b}1` }], // no org of its own: its customer's
    [`DP${b}3`, { cust: `CU${b}03`, org: `QZ${b}0` }],
    [`DP${b}4`, { cust: `CU${b}04`, org: `QZ${b}0` }],
    [`LN${b}1`, { cust: `CU${b}01`, org: `QZ${b}0` }],
    [`LN${b}2`, { cust: `CU${b}02`, org: `QZ${b}1` }],
    [`KD${b}1`, { cust: `CU${b}01`, org: `QZ${b}0` }],
    [`SG${b}1`, { cust: `CU${b}01`, org: `QZ${b}0` }],
    [`SG${b}3`, { cust: `CU${b}03`, org: `QZ${b}0` }],
    [`MC${b}1`, { cust: `CU${b}01`, org: `QZ${b}0` }],
    [`VS${b}1`, { cust: `CU${b}01`, org: `QZ${b}0` }],
    [`GD${b}1`, { org: `QZ${b}0` }],
    [`E${b}01`, { org: `QZ${b}0`, kind: 'staff' as const }],
    [`E${b}02`, { org: `QZ${b}0`, kind: 'staff' as const }],
    [`E${b}11`, { org: `QZ${b}1`, kind: 'staff' as const }],
    [`QZ${b}0`, { org: `QZ${b}0`, kind: 'org' as const }],
    [`QZ${b}1`, { org: `QZ${b}1`, kind: 'org' as const }],
  ])),
  LNB9: { cust: 'CUA01', org: 'QZB0' }, // 鲤城's customer, booked at 晋江
  LNZ1: { cust: 'CUZ01', org: 'QZX9' },
  QZX9: { org: 'QZX9', kind: 'org' },
  CUB77: { org: 'QZB0' }, // a visit to someone not loaded, by 晋江's EB01: only in an import issue
  鲤城支行: { org: 'QZA0', kind: 'org' },
  开元分理处: { org: 'QZA1', kind: 'org' },
  晋江支行: { org: 'QZB0', kind: 'org' },
  青阳分理处: { org: 'QZB1', kind: 'org' },
};

const orgIn = (who: Who, org: string) => SCOPE_ORGS[who] === null || SCOPE_ORGS[who]!.includes(org);
const sees = (who: Who, id: string): boolean => {
  const r = ROWS[id];
  // reference rows (orgs, staff, grids) of the orgs above the scope may be named by rows inside
  // it (a 分理处 customer in its 支行's grid); those of another branch may not
  if (r.cust === undefined) return orgIn(who, r.org) || ABOVE[who].includes(r.org);
  if (!orgIn(who, r.org)) return false;
  const c = CUSTOMERS[r.cust];
  return orgIn(who, c.org) && (MANAGER[who] === undefined || c.manager === MANAGER[who]);
};
const visibleCustomers = (who: Who) => Object.keys(CUSTOMERS).filter((c) => sees(who, c)).sort();

// --- the API over the twins ---

let app: Hono;
let db: ReturnType<typeof tempTwins>['db'];
let close: () => void;
const tokens = new Map<Who, string>();
let batchId = 0;

beforeAll(async () => {
  const t = tempTwins();
  db = t.db;
  close = t.close;
  // an import whose warning names a customer nobody loaded (CUB77), visited by 晋江's EB01
  const file = path.join(t.dir, 'visit.csv');
  fs.writeFileSync(file, '走访编号,走访时间,走访人员号,客户号,走访方式\nVSB7,2024-07-21 09:00:00,EB01,CUB77,上门\n');
  const [res] = await importPaths(db, [file], { username: 'hq_admin' });
  expect(res.error).toBeUndefined();
  expect(res.warnings).toBe(1);
  batchId = res.batchId!;
  const sessions = new SessionStore();
  app = createApi({ db, dataDir: t.dir, sessions });
  const hash = await hashPassword('password1');
  for (const u of USERS) {
    insertUser(db, { username: u.username, displayName: u.username, role: u.role, orgId: u.org }, hash);
    if (u.staff) setUserStaffId(db, u.username, u.staff);
    tokens.set(u.username, sessions.create(getUser(db, u.username)!));
  }
  // the administrator has looked at every customer first, so the audit log names them all
  for (const id of Object.keys(CUSTOMERS)) expect((await call('hq_admin', 'GET', `/api/customers/${id}`)).status).toBe(200);
});
afterAll(async () => {
  await apiIdle(app);
  close();
});

async function call(who: Who, method: string, url: string, body?: unknown): Promise<Response> {
  return app.fetch(
    new Request(`http://localhost${url}`, {
      method,
      headers: { authorization: `Bearer ${tokens.get(who)}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    }),
  );
}

const mayReveal = (who: Who) => (ROLE_PERMISSIONS[USERS.find((u) => u.username === who)!.role] as readonly Permission[]).includes('customer:reveal');
const can = (who: Who, access: RouteDef['access']) =>
  access === 'public' || access === 'signed-in' || (ROLE_PERMISSIONS[USERS.find((u) => u.username === who)!.role] as readonly Permission[]).includes(access);

// --- how to call each route ---

interface Variant {
  url: string;
  body?: unknown;
  /** the status the user must get when the role permits the route (default: 200) */
  expect?: (who: Who) => number;
}
const ids = identifiers();
const CUST_IDS = [...Object.keys(CUSTOMERS), 'CUN01'];
const ORG_IDS = [...ORGS.map((o) => o.org_id), 'QZX9'];
const custStatus = (id: string) => (who: Who) => (id in CUSTOMERS && sees(who, id) ? 200 : 404);
/** ?org= narrows: an org of the scope (or any loaded org for the whole bank) is 200, else 404 */
const orgStatus = (org: string) => (who: Who) => (ORGS.some((o) => o.org_id === org) && orgIn(who, org) ? 200 : 404);
const withOrg = (url: string): Variant[] => [
  { url },
  ...ORG_IDS.map((org) => ({ url: `${url}${url.includes('?') ? '&' : '?'}org=${org}`, expect: orgStatus(org) })),
];

/** A drill's target: as withOrg (a 客户经理 limited to their own rows reads their own figures,
 *  narrowed to any org of their scope: indicators/target.ts resolveTarget). */
const withDrillOrg = (url: string): Variant[] => withOrg(url);

const VARIANTS: Record<string, Variant[]> = {
  'GET /api/home': withOrg('/api/home'),
  'GET /api/stats': withOrg(`/api/stats?date=${DATE}`),
  'GET /api/scope': withOrg('/api/scope'),
  'GET /api/crm/options': withOrg('/api/crm/options'),
  'GET /api/customers/search': ['张伟', '李娜', '5678', '4321', '123X', 'zw', '泉州', 'CUB01', 'CUA01', '13900005678', '13800005678'].flatMap((q) =>
    withOrg(`/api/customers/search?q=${encodeURIComponent(q)}`),
  ),
  'GET /api/customers/:id': CUST_IDS.map((id) => ({ url: `/api/customers/${id}`, expect: custStatus(id) })),
  'GET /api/customers/:id/quick': CUST_IDS.map((id) => ({ url: `/api/customers/${id}/quick`, expect: custStatus(id) })),
  'POST /api/customers/:id/reveal': CUST_IDS.map((id) => ({ url: `/api/customers/${id}/reveal`, expect: custStatus(id) })),
  'GET /api/gaps': [
    ...withOrg('/api/gaps'),
    { url: '/api/gaps?lacks=10' },
    { url: '/api/gaps?managerId=EB01' },
    { url: '/api/gaps?gridId=GDB1' },
    ...ORG_IDS.map((org) => ({ url: `/api/gaps?orgId=${org}`, expect: (who: Who) => (SCOPE_ORGS[who] === null || orgIn(who, org) ? 200 : 404) })),
  ],
  'GET /api/gaps/export': [...withOrg('/api/gaps/export?format=csv'), { url: '/api/gaps/export?format=csv&lacks=10' }],
  // the unmasked call list needs customer:reveal besides export
  'POST /api/gaps/export': withOrg('/api/gaps/export?format=csv').map((v) => ({
    ...v,
    body: { purpose: '电话回访名单' },
    expect: (who: Who) => (mayReveal(who) ? (v.expect?.(who) ?? 200) : 403),
  })),
  'GET /api/coverage': [
    ...withOrg('/api/coverage?by=branch'),
    ...withOrg('/api/coverage?by=manager'),
    ...ORG_IDS.map((org) => ({ url: `/api/coverage?by=manager&orgId=${org}`, expect: (who: Who) => (SCOPE_ORGS[who] === null || orgIn(who, org) ? 200 : 404) })),
  ],
  // drill-down lists: each list by one of its figures, for the scope, an org, and a staff member
  // (404 when their org lies outside the scope; a 客户经理 limited to their own reads their own)
  'GET /api/drill/:list': [
    'deposits?key=deposit_balance',
    'deposits?key=deposit_by_kind&cat=活期',
    'loans?key=loan_balance',
    'customers?key=customers',
    'customers?key=loan_customers',
    'customers?key=visited_customers',
    'merchants?key=acq_txn_count',
    'merchants?key=merchants',
    'cards?key=credit_cards_issued',
    'signings?key=signings_by_type&cat=手机银行',
    'visits?key=visits',
  ].flatMap((l) => [
    ...withDrillOrg(`/api/drill/${l}&date=${DATE}`),
    ...(['EA01', 'EA11', 'EB01'] as const).map((staff) => ({
      url: `/api/drill/${l}&date=${DATE}&staff=${staff}`,
      expect: (who: Who) => (MANAGER[who] !== undefined || orgIn(who, ROWS[staff].org) ? 200 : 404),
    })),
  ]),
  'GET /api/drill/:list/export': [
    ...withDrillOrg(`/api/drill/customers/export?key=customers&date=${DATE}&format=csv`),
    ...withDrillOrg(`/api/drill/loans/export?key=loan_balance&date=${DATE}&format=csv`),
  ],
  'GET /api/reconcile': withOrg(`/api/reconcile?date=${DATE}`),
  // figures and dashboards: the scope, an org of it, a staff member (404 when their org lies outside
  // the caller's scope; a 客户经理 limited to their own reads their own whatever is asked)
  'GET /api/indicators': [
    ...withOrg(`/api/indicators?date=${DATE}`),
    ...(['EA01', 'EA11', 'EB01'] as const).map((staff) => ({
      url: `/api/indicators?date=${DATE}&staff=${staff}`,
      expect: (who: Who) => (MANAGER[who] !== undefined || orgIn(who, ROWS[staff].org) ? 200 : 404),
    })),
  ],
  'GET /api/migration': withOrg(`/api/migration?from=2024-06-30&to=${DATE}`),
  'GET /api/dashboards/:id': ['overview', 'deposit', 'loan', 'quality', 'ebank', 'acquiring', 'card_visit', 'coverage'].flatMap((id) => withOrg(`/api/dashboards/${id}?date=${DATE}`)),
  'GET /api/dashboards/:id/export': withOrg(`/api/dashboards/loan/export?date=${DATE}&format=xlsx`),
  // monitoring: alerts and their export in the scope (?org= narrows it), the overview's target as
  // the dashboards', a 回测's counts per org inside the scope
  'GET /api/monitoring/alerts': withOrg('/api/monitoring/alerts'),
  'GET /api/monitoring/alerts/export': withOrg('/api/monitoring/alerts/export?format=csv'),
  'GET /api/monitoring/alerts/:id': [{ url: '/api/monitoring/alerts/999999', expect: () => 404 }],
  'GET /api/monitoring/overview': withOrg(`/api/monitoring/overview?date=${DATE}`),
  'POST /api/monitoring/backtest': withOrg('/api/monitoring/backtest').map((v) => ({ ...v, body: { rule: 'deposit.deviation', from: '2024-07-01', to: DATE } })),
  // visit routes: a staff member inside the scope (a 客户经理 limited to their own: themselves) gets
  // past the scope check to the twins' orgs, which have no point (400 naming their own org);
  // anyone else is a 404. The plan and export with points: tests/unit/grid/route-api.test.ts
  'POST /api/map/route': (['EA01', 'EA11', 'EB01'] as const).map((staff) => ({
    url: '/api/map/route',
    body: { staff, date: DATE, stops: [{ id: 'CUA01', lng: 118.6, lat: 24.9 }, { id: 'CUB01', lng: 118.5, lat: 24.8 }] },
    expect: (who: Who) => ((MANAGER[who] !== undefined ? MANAGER[who] === staff : orgIn(who, ROWS[staff].org)) ? 400 : 404),
  })),
  'POST /api/map/route/export': (['EA01', 'EA11', 'EB01'] as const).map((staff) => ({
    url: '/api/map/route/export',
    body: { plan: { staff, stops: [{ cust_id: 'CUA01', lng: 118.6, lat: 24.9 }] }, format: 'xlsx', date: DATE },
    expect: (who: Who) => ((MANAGER[who] !== undefined ? MANAGER[who] === staff : orgIn(who, ROWS[staff].org)) ? 400 : 404),
  })),
  // assessment: the sheets of the scope (?org= narrows it and names the org's sheet; a staff
  // member's sheet is 404 when their org lies outside the scope; a 客户经理 limited to their own
  // reads their own), rankings listing the scope's peers only, the period's target cells
  'GET /api/assess': [
    ...withOrg(`/api/assess?period=${DATE.slice(0, 7)}`),
    { url: `/api/assess?period=${DATE.slice(0, 7)}&all=1` },
    ...(['EA01', 'EA11', 'EB01'] as const).map((staff) => ({
      url: `/api/assess?period=${DATE.slice(0, 7)}&staff=${staff}`,
      expect: (who: Who) => (MANAGER[who] !== undefined || orgIn(who, ROWS[staff].org) ? 200 : 404),
    })),
  ],
  'GET /api/assess/ranking': [...withOrg(`/api/assess/ranking?period=${DATE.slice(0, 7)}&type=org`), { url: `/api/assess/ranking?period=${DATE.slice(0, 7)}&type=staff&indicator=deposit_avg` }],
  'GET /api/assess/schemes/:type': [{ url: '/api/assess/schemes/org' }, { url: '/api/assess/schemes/staff' }],
  'GET /api/assess/targets': withOrg(`/api/assess/targets?period=${DATE.slice(0, 7)}`),
  // reports: the bulletin of the scope (?org= narrows it, 404 outside), and the documents; the
  // binary exports are checked by status here (their text: tests/unit/report)
  'GET /api/report/bulletin': withDrillOrg(`/api/report/bulletin?date=${DATE}`),
  'GET /api/report/bulletin/export': withDrillOrg(`/api/report/bulletin/export?date=${DATE}&format=xlsx`),
  'GET /api/report/assessment/export': withOrg(`/api/report/assessment/export?period=${DATE.slice(0, 7)}&format=xlsx`),
  'GET /api/report/ranking/export': [{ url: `/api/report/ranking/export?period=${DATE.slice(0, 7)}&format=xlsx` }],
  // grid map: each layer for the scope and every org of it; a grid's detail (404 outside the
  // scope: a grid belongs to its own org; a 客户经理 limited to their own sees the grids of their
  // customers); a marker's popup as the 360
  'GET /api/map/grids': ['visits', 'coverage', 'customers', 'deposit_balance', 'item_share&item=1'].flatMap((m) => withOrg(`/api/map/grids?date=${DATE}&measure=${m}`)),
  'GET /api/map/grids/:id': ['GDA1', 'GDB1', 'GDX1'].map((id) => ({ url: `/api/map/grids/${id}?date=${DATE}`, expect: (who: Who) => (id in ROWS && orgIn(who, ROWS[id].org) ? 200 : 404) })),
  'GET /api/map/points': [...withOrg(`/api/map/points?kind=customer&date=${DATE}`), ...withOrg(`/api/map/points?kind=merchant&date=${DATE}`)],
  'GET /api/map/points/:kind/:id': CUST_IDS.map((id) => ({ url: `/api/map/points/customer/${id}?date=${DATE}`, expect: custStatus(id) })),
  'GET /api/map/visits': [...withOrg(`/api/map/visits?date=${DATE}`), { url: `/api/map/visits?date=${DATE}&staff=EB01` }],
  'GET /api/import/batches/:id/issues': [{ url: '/api/import/batches/BATCH/issues' }],
  'GET /api/import/batches/:id/issues.csv': [{ url: '/api/import/batches/BATCH/issues.csv' }],
  'GET /api/import/jobs/:id': [{ url: '/api/import/jobs/no-such-job', expect: () => 404 }],
  'GET /api/audit': [{ url: '/api/audit' }, { url: '/api/audit?limit=500' }],
  'GET /api/audit/export': [{ url: '/api/audit/export?format=csv' }],
};

/** Routes that read no customer-linked rows, and why; each is still called where it is a GET. */
const NO_ROWS: Record<string, string> = {
  'POST /api/auth/setup': 'first-run setup (refused once users exist)',
  'POST /api/auth/login': 'signs in',
  'POST /api/auth/logout': 'signs out',
  'POST /api/auth/password': 'changes the caller’s password',
  'POST /api/users': 'user administration (administrator only)',
  'PUT /api/users/:username': 'user administration (administrator only)',
  'POST /api/users/:username/disable': 'user administration (administrator only)',
  'POST /api/users/:username/enable': 'user administration (administrator only)',
  'POST /api/users/:username/reset-password': 'user administration (administrator only)',
  'PUT /api/settings/scope': 'writes a setting',
  'PUT /api/settings/indicators': 'writes a setting',
  'PUT /api/settings/crm/items': 'writes a setting',
  'PUT /api/settings/crm/rules': 'writes a setting',
  'PUT /api/settings/crm/stars': 'writes a setting',
  'POST /api/import/upload': 'stages files for an import (whole files, the importer’s job)',
  'POST /api/import/local': 'stages files for an import (desktop only)',
  'POST /api/import/commit': 'starts an import job',
  'POST /api/import/batches/:id/undo': 'undoes a whole batch',
  'PUT /api/import/profiles': 'writes a mapping profile',
  'POST /api/reconcile': 'enters an official figure (its org inside the scope or 404: tests/unit/reconcile)',
  'POST /api/reconcile/import': 'imports official figures (every org inside the scope, or the sheet is refused: tests/unit/reconcile)',
  'DELETE /api/reconcile/:id': 'deletes an official figure (inside the scope or 404: tests/unit/reconcile)',
  'DELETE /api/import/profiles': 'deletes a mapping profile',
  'POST /api/monitoring/alerts/:id/decide': 'decides an alert (inside the scope or 404: tests/unit/monitoring/api.test.ts)',
  'PUT /api/monitoring/rules/:id': 'writes a setting',
  'PUT /api/assess/schemes/:type': 'writes a setting (an assessment scheme)',
  'PUT /api/assess/targets': 'writes one target cell (its object inside the scope or 404: tests/unit/assess/api.test.ts)',
  'POST /api/assess/adjustments': 'adds an adjustment (its object inside the scope or 404: tests/unit/assess/api.test.ts)',
  'DELETE /api/assess/adjustments/:id': 'deletes an adjustment (inside the scope or 404: tests/unit/assess/api.test.ts)',
  'POST /api/assess/lock': 'freezes the whole bank’s sheets (whole-bank users only; read back through GET /api/assess)',
  'POST /api/assess/unlock': 'unlocks a period (administrators)',
  'POST /api/monitoring/run': 'queues a run of the rules (its alerts are read through the scoped routes)',
  'GET /api/map/base': 'the base map (administrative boundaries, no bank rows)',
  'POST /api/map/base': 'writes a setting (the bank’s base map)',
  'DELETE /api/map/base': 'writes a setting (back to the bundled base map)',
  'GET /api/map/settings': 'the map settings',
  'PUT /api/map/settings': 'writes a setting',
  'POST /api/map/visits': 'records a visit (its customer, grid and staff member inside the scope or 404: tests/unit/grid/record-visit.test.ts)',
};

function variantsOf(r: RouteDef): Variant[] | null {
  const key = `${r.method.toUpperCase()} ${r.path}`;
  if (VARIANTS[key]) return VARIANTS[key].map((v) => ({ ...v, url: v.url.replace('BATCH', String(batchId)) }));
  if (key in NO_ROWS) return r.method === 'get' ? [{ url: r.path }] : null;
  if (r.method === 'get' && !r.path.includes(':')) return [{ url: r.path }];
  return null;
}

describe('every route, every scope', () => {
  it('knows how to call every route of the permission table', () => {
    const table = routesOf(app).filter((r) => r.access !== 'public');
    const unknown = table.filter((r) => variantsOf(r) === null && !(`${r.method.toUpperCase()} ${r.path}` in NO_ROWS));
    expect(unknown.map((r) => `${r.method.toUpperCase()} ${r.path}`), 'add these to VARIANTS (or NO_ROWS with the reason)').toEqual([]);
    // the marker check is only sound when no identifier is part of another
    const all = [...ids.keys()];
    for (const a of all) for (const b of all) if (a !== b) expect(b.includes(a), `${a} inside ${b}`).toBe(false);
    expect(new Set(all)).toEqual(new Set(Object.keys(ROWS)));
  });

  for (const u of USERS) {
    it(`${u.username} (${u.what}): no row outside the scope comes back, and outside answers 404`, async () => {
      const forbidden = Object.keys(ROWS).filter((id) => !sees(u.username, id));
      let calls = 0;
      for (const r of routesOf(app)) {
        if (r.access === 'public') continue;
        const variants = variantsOf(r) ?? [];
        for (const v of variants) {
          const res = await call(u.username, r.method.toUpperCase(), v.url, v.body);
          const text = await res.text();
          calls++;
          const want = !can(u.username, r.access) ? 403 : (v.expect?.(u.username) ?? 200);
          expect(res.status, `${r.method} ${v.url}: ${text.slice(0, 200)}`).toBe(want);
          // an id the request itself names may be echoed in its 404 ("机构 QZB0 不存在"): that says nothing new
          const leaked = forbidden.filter((id) => text.includes(id) && !decodeURIComponent(v.url).includes(id));
          expect(leaked, `${r.method} ${v.url} leaks`).toEqual([]);
        }
      }
      expect(calls).toBeGreaterThan(150);
    });
  }
});

describe('what each scope sees', () => {
  const json = async <T>(who: Who, url: string): Promise<T> => {
    const res = await call(who, 'GET', url);
    expect(res.status, url).toBe(200);
    return (await res.json()) as T;
  };

  it('search finds the look-alike 张伟 of the scope only', async () => {
    const found = async (who: Who, q: string) => (await json<SearchResult>(who, `/api/customers/search?q=${encodeURIComponent(q)}`)).matches.map((m) => m.custId).sort();
    expect(await found('hq_admin', '张伟')).toEqual(['CUA01', 'CUB01', 'CUZ01']);
    expect(await found('a_head', '张伟')).toEqual(['CUA01']);
    expect(await found('a_sub', '张伟')).toEqual([]);
    expect(await found('b_lobby', '张伟')).toEqual(['CUB01']);
    expect(await found('a_mgr', '张伟')).toEqual(['CUA01']);
    // the phone tail 4321 is 李娜's in both branches: CUA02 is at 开元分理处 and managed by EA11
    expect(await found('a_sub', '4321')).toEqual(['CUA02']);
    expect(await found('a_mgr', '4321')).toEqual([]);
    // "not a customer of the bank" only from the whole bank: 晋江's phone is a customer elsewhere
    expect((await json<SearchResult>('a_head', '/api/customers/search?q=13900005678')).notCustomer).toBeUndefined();
    expect((await json<SearchResult>('hq_admin', '/api/customers/search?q=13600000000')).notCustomer).toBe(true);
  });

  it('the gap list counts the customers of the scope', async () => {
    for (const u of USERS) {
      const page = await json<GapPage>(u.username, '/api/gaps?limit=500');
      expect(page.rows.map((r) => r.custId).sort(), u.username).toEqual(visibleCustomers(u.username));
      expect(page.total, u.username).toBe(visibleCustomers(u.username).length);
    }
    // narrowed by the picker: the whole bank to 晋江 holds 晋江's 4 customers
    expect((await json<GapPage>('hq_admin', '/api/gaps?org=QZB0')).total).toBe(4);
  });

  it('home figures are those of the scope, in 分 summed by hand', async () => {
    const head = async (who: Who, q = '') => (await json<HomeSummary>(who, `/api/home${q}`));
    // whole bank: A 10万 + 5万 + 3万 + 1万 = 19,000,000 分; B the same plus 1+2+3+4 分 = 19,000,010
    const all = await head('hq_admin');
    expect(all.headline).toMatchObject({ customers: 8, depositBalance: 380_000.1, loanBalance: 630_000.03 });
    // loans: A 20,000,000 + 8,000,000; B 20,000,001 + 8,000,002 + LNB9 7,000,000; CUZ01's 900 分 belong to no org
    expect(all.unassigned).toMatchObject({ customers: 1, depositBalance: 0, loanBalance: 9, merchants: 0, unknownOrgs: ['QZX9'] });
    expect(all.unassigned!.reason).toContain('QZX9');
    expect(all.branches.map((b) => b.orgId)).toEqual(['QZA0', 'QZB0']);
    expect(all.datasets.find((d) => d.dataset === 'customer')!.rows).toBe(9);

    const a = await head('a_head');
    // 鲤城: LNB9 is 晋江's; npl = 次级 LNA2 8,000,000 / 28,000,000 (unrounded: DATA.md)
    expect(a.headline).toMatchObject({ customers: 4, depositBalance: 190_000, loanBalance: 280_000, nplRatio: 8_000_000 / 28_000_000, merchants: 1 });
    expect(a.unassigned).toBeNull();
    expect(a.branches).toEqual([{ orgId: 'QZA1', name: '开元分理处', depositBalance: 50_000, loanBalance: 80_000, nplRatio: 1 }]);
    expect(a.datasets.every((d) => d.rows === null && d.warnings === null)).toBe(true);

    expect((await head('a_sub')).headline).toMatchObject({ customers: 1, depositBalance: 50_000, loanBalance: 80_000, nplRatio: 1 });
    // 晋江: npl 8,000,002 / 35,000,003 (unrounded); MCB1 has no org: its owner CUB01's
    expect((await head('b_lobby')).headline).toMatchObject({ customers: 4, depositBalance: 190_000.1, loanBalance: 350_000.03, nplRatio: 8_000_002 / 35_000_003, merchants: 1 });
    // A 客户经理's figures are a staff member's (issue 9; DATA.md "Indicator keys": the rows naming
    // them as 管户/归属/经办/拓展客户经理): EA01 is 管户 of CUA01 and CUA04, and no deposit, loan or
    // merchant row of twins.ts names a 客户经理, so 0 元 and no NPL ratio (0 / 0). Before the home
    // page read the indicators it summed every row of EA01's customers (110,000 / 200,000 / 1).
    expect((await head('a_mgr')).headline).toMatchObject({ customers: 2, depositBalance: 0, loanBalance: 0, nplRatio: null, merchants: 0 });
    // the head office narrowed to 鲤城 sees what 鲤城's 行长 sees, without the unassigned rows
    const narrowed = await head('hq_admin', '?org=QZA0');
    expect(narrowed.headline).toEqual(a.headline);
    expect(narrowed.unassigned).toBeNull();
  });

  it('stats list the orgs of the scope; only the whole bank gets the unassigned rows', async () => {
    const stats = async (who: Who) => json<{ orgs: { org_id: string }[]; unassigned: unknown }>(who, `/api/stats?date=${DATE}`);
    expect((await stats('hq_admin')).orgs.map((o) => o.org_id)).toEqual(['QZH0', 'QZA0', 'QZA1', 'QZB0', 'QZB1']);
    expect((await stats('hq_admin')).unassigned).toMatchObject({ customers: 1, loan_balance: 9, unknown_orgs: ['QZX9'] });
    expect((await stats('a_head')).orgs.map((o) => o.org_id)).toEqual(['QZA0', 'QZA1']);
    expect((await stats('a_sub')).orgs.map((o) => o.org_id)).toEqual(['QZA1']);
    expect((await stats('b_lobby')).unassigned).toBeNull();
  });

  it('the 360 of 鲤城’s 张伟 shows 鲤城’s rows only; the item held through 晋江 says so', async () => {
    const mine = await json<Customer360>('a_head', '/api/customers/CUA01');
    expect(mine.loans.map((l) => l.loanNo)).toEqual(['LNA1']);
    expect(mine.referrals.referred.map((r) => r.custId)).toEqual(['CUN01']); // CUB01 is 晋江's
    const all = await json<Customer360>('hq_admin', '/api/customers/CUA01');
    expect(all.loans.map((l) => l.loanNo).sort()).toEqual(['LNA1', 'LNB9']);
    expect(all.referrals.referred.map((r) => r.custId).sort()).toEqual(['CUB01', 'CUN01']);
    // 王芳 of 鲤城 was referred by 晋江's 王芳: the referral is hidden, not the customer
    expect((await json<Customer360>('a_head', '/api/customers/CUA03')).referrals.referredBy).toEqual([]);
  });

  it('coverage folds into the scope’s root below a 支行, and the scope bar describes the scope', async () => {
    const rows = async (who: Who) => (await json<{ rows: { key: string; customers: number }[] }>(who, '/api/coverage?by=branch')).rows;
    // CUZ01 of QZX9 (an org not loaded) is counted under that org id and marked so: the whole bank alone sees it
    expect(await rows('hq_admin')).toEqual([
      expect.objectContaining({ key: 'QZA0', customers: 4, placement: 'branch' }),
      expect.objectContaining({ key: 'QZB0', customers: 4, placement: 'branch' }),
      expect.objectContaining({ key: 'QZX9', customers: 1, placement: 'unknown_org' }),
    ]);
    expect((await rows('a_head')).map((r) => r.key)).toEqual(['QZA0']);
    expect(await rows('a_sub')).toEqual([expect.objectContaining({ key: 'QZA1', customers: 1 })]);
    const s = await json<ScopeInfo>('a_head', '/api/scope');
    expect(s).toMatchObject({ wholeBank: false, org: { id: 'QZA0', name: '鲤城支行' }, manager: null, emptyReason: null });
    expect(s.orgs.map((o) => o.id)).toEqual(['QZA0', 'QZA1']);
    expect(await json<ScopeInfo>('hq_admin', '/api/scope?org=QZB1')).toMatchObject({ wholeBank: false, org: { id: 'QZB1' }, base: { wholeBank: true } });
    expect(await json<ScopeInfo>('a_mgr', '/api/scope')).toMatchObject({ manager: { staffId: 'EA01', name: '陈明' } });
    expect((await json<ScopeInfo>('a_sub', '/api/scope')).orgs).toEqual([]); // one org: nothing to pick
  });

  it('the audit log of a branch shows its own users’ actions, the head office’s everyone’s', async () => {
    await call('a_head', 'GET', '/api/customers/CUA03');
    const users = async (who: Who) => new Set((await json<{ items: { username: string | null }[] }>(who, '/api/audit?limit=500')).items.map((e) => e.username));
    const branch = await users('a_head');
    expect(branch.has('a_head')).toBe(true);
    expect(branch.has('hq_admin')).toBe(false);
    expect([...branch].every((u) => u === 'a_head' || u === 'a_sub' || u === 'a_mgr')).toBe(true);
    expect((await users('hq_admin')).has('a_head')).toBe(true);
  });

  it('import issues keep their rows and reasons but withhold values from a narrower scope', async () => {
    const issues = async (who: Who) => json<{ value: string | null; reason: string }[]>(who, `/api/import/batches/${batchId}/issues`);
    expect((await issues('hq_admin')).map((i) => i.value)).toEqual(['CUB77']);
    const narrow = await issues('a_head');
    expect(narrow).toHaveLength(1);
    expect(narrow[0].value).toBeNull();
    expect(narrow[0].reason).not.toContain('CUB77');
  });
});

// a user without an org, or disabled, sees nothing at all (not the whole bank)
it('a user with no org sees no customer', async () => {
  const hash = await hashPassword('password1');
  insertUser(db, { username: 'nowhere', displayName: 'n', role: 'branch_manager', orgId: null }, hash);
  const user: UserInfo = getUser(db, 'nowhere')!;
  const sessions = new SessionStore();
  const api = createApi({ db, dataDir: path.dirname(db.name), sessions });
  const res = await api.fetch(new Request('http://localhost/api/gaps', { headers: { authorization: `Bearer ${sessions.create(user)}` } }));
  expect(((await res.json()) as GapPage).total).toBe(0);
});
