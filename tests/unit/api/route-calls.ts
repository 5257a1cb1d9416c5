// How to call each route of the permission table so that it succeeds: the rows, the upload, the
// batch or the body it needs. permissions.test.ts uses it to require a 2xx of every permitted
// role (a 500 must not pass as "allowed"). A route missing here fails that test until it is added.
import fs from 'node:fs';
import path from 'node:path';
import type { Permission, Role } from '../../../shared/permissions.js';
import { insertUser } from '../../../electron/core/auth/index.js';
import { getProfile, importPaths, saveProfile } from '../../../electron/core/import/index.js';
import { setUserStaffId } from '../../../electron/core/scope/index.js';
import { FIXTURE_PASSWORD, tempApi, type TestApi } from './helpers.js';
import { plantAlert } from '../monitoring/api-fixture.js';

/** What a call sends: a JSON body, or a multipart form (uploads). */
export interface CallSpec {
  url: string;
  body?: unknown;
  form?: FormData;
}

export interface RouteCall {
  /** prepares what the call needs, separately for each role, and says what to send */
  request(b: CallBank, role: Role): CallSpec | Promise<CallSpec>;
  /** the success status (default 200) */
  status?: number;
  /** a permission the handler requires besides the route's own (refused with 403 without it) */
  alsoNeeds?: Permission;
  /** checks the effect after a success, where the status alone would not show it (a DELETE) */
  verify?(b: CallBank, role: Role): void | Promise<void>;
}

/** A real API over a small bank: head office HQ, branch B1, staff S01, customer C001 of S01. */
export interface CallBank {
  api: TestApi;
  /** the batch of the bank's customer file (it has one warning: an unknown manager) */
  customerBatch: number;
  /** paths POST /api/import/local may read (the desktop's dialog grants them) */
  granted: Set<string>;
  /** a request as the administrator, for preparing a call */
  asAdmin(method: string, url: string, init?: { body?: unknown; form?: FormData }): Promise<Response>;
  /** writes a file into the bank's folder */
  file(name: string, text: string): string;
}

const ORG = '机构号,机构名称,上级机构号,机构层级\nHQ,测试农商银行,,总行\nB1,城东支行,HQ,支行\n';
const STAFF = '员工号,姓名,所属机构号,岗位\nS01,王经理,B1,客户经理\n';
// S99 is nobody: a warning, so the batch has an issue to list
const CUSTOMER = '客户号,客户名称,客户类型,手机号码,所属机构号,管户客户经理号\nC001,张三,个人,13800000001,B1,S01\nC002,李四,个人,13800000002,B1,S99\n';
const DEPOSIT = '数据日期,账号,客户号,存款种类,账户余额,账户状态\n2024-07-31,A001,C001,活期,1000.00,正常\n';
const DEPOSIT_PROFILE = (name: string) => ({ name, dataset: 'deposit', columns: { ACCT: 'acct_no', CUSTNO: 'cust_id', BAL: 'balance', DT: 'data_date' } });
const STRONG = 'Kx7-north-gate';

export async function callBank(): Promise<CallBank> {
  const granted = new Set<string>();
  const api = tempApi({ userOrg: 'HQ', localFiles: { allows: (p) => granted.has(p) } });
  const dir = path.join(api.dir, 'files');
  fs.mkdirSync(dir);
  const file = (name: string, text: string) => {
    const p = path.join(dir, name);
    fs.writeFileSync(p, text);
    return p;
  };
  const results = await importPaths(api.db, [file('org.csv', ORG), file('staff.csv', STAFF), file('customer.csv', CUSTOMER), file('deposit.csv', DEPOSIT)]);
  for (const r of results) if (r.error) throw new Error(`${r.file}: ${r.error}`);
  // a 客户经理 sees the customers they manage: link the test user to S01
  api.tokenFor('account_manager');
  setUserStaffId(api.db, 't_account_manager', 'S01');
  // the user the administration routes act on
  insertUser(api.db, { username: 'clerk', displayName: '柜员', role: 'lobby_manager', orgId: 'B1' }, getUserHash(api));
  const asAdmin: CallBank['asAdmin'] = async (method, url, init = {}) =>
    api.app.fetch(
      new Request(`http://localhost${url}`, {
        method,
        headers: init.form ? api.auth('admin') : { ...api.auth('admin'), 'content-type': 'application/json' },
        body: init.form ?? (init.body === undefined ? undefined : JSON.stringify(init.body)),
      }),
    );
  return { api, customerBatch: results.find((r) => r.dataset === 'customer')!.batchId!, granted, asAdmin, file };
}

/** the stored hash of a fixture user (insertUser takes a hash; hashing again would be slow) */
function getUserHash(api: TestApi): string {
  api.tokenFor('lobby_manager');
  return api.db.prepare('SELECT password_hash FROM app_user WHERE username = ?').pluck().get('t_lobby_manager') as string;
}

const orgForm = (role: Role) => {
  const fd = new FormData();
  fd.append('file', new Blob([`机构号,机构名称,上级机构号,机构层级\nU_${role},上传网点,B1,分理处\n`], { type: 'text/csv' }), 'org.csv');
  return fd;
};

async function json<T>(res: Promise<Response>): Promise<T> {
  const r = await res;
  if (!r.ok) throw new Error(`preparing a call: ${r.status} ${await r.text()}`);
  return (await r.json()) as T;
}

async function uploadAsAdmin(b: CallBank, role: Role): Promise<string> {
  return (await json<{ uploadId: string }>(b.asAdmin('POST', '/api/import/upload', { form: orgForm(role) }))).uploadId;
}

const get = (url: string): RouteCall => ({ request: () => ({ url }) });
const withStart = (b: CallBank) => b.api.db.prepare("UPDATE org SET lng = 118.6, lat = 24.9 WHERE org_id = 'B1'").run();

export const ROUTE_CALLS: Record<string, RouteCall> = {
  'POST /api/auth/logout': { request: () => ({ url: '/api/auth/logout', body: {} }) },
  'GET /api/auth/me': get('/api/auth/me'),
  'POST /api/auth/password': { request: () => ({ url: '/api/auth/password', body: { current: FIXTURE_PASSWORD, password: STRONG } }) },

  'GET /api/users': get('/api/users'),
  'GET /api/users/orgs': get('/api/users/orgs'),
  'POST /api/users': {
    status: 201,
    request: (_b, role) => ({ url: '/api/users', body: { username: `new_${role}`, displayName: '新柜员', role: 'lobby_manager', orgId: 'B1', password: STRONG } }),
  },
  'PUT /api/users/:username': { request: () => ({ url: '/api/users/clerk', body: { displayName: '柜员甲' } }) },
  'POST /api/users/:username/disable': { request: () => ({ url: '/api/users/clerk/disable', body: {} }) },
  'POST /api/users/:username/enable': {
    request: async (b) => {
      await json(b.asAdmin('POST', '/api/users/clerk/disable', { body: {} }));
      return { url: '/api/users/clerk/enable', body: {} };
    },
  },
  'POST /api/users/:username/reset-password': { request: () => ({ url: '/api/users/clerk/reset-password', body: { password: STRONG } }) },

  'GET /api/audit': get('/api/audit'),
  'GET /api/audit/export': get('/api/audit/export?format=csv'),

  'GET /api/home': get('/api/home'),
  'GET /api/stats': get('/api/stats?date=2024-07-31'),
  'GET /api/indicators/status': get('/api/indicators/status'),
  'GET /api/scope': get('/api/scope'),
  'GET /api/settings/scope': get('/api/settings/scope'),
  'PUT /api/settings/scope': { request: () => ({ url: '/api/settings/scope', body: { accountManagerOwnCustomers: true } }) },
  'GET /api/settings/indicators': get('/api/settings/indicators'),
  'PUT /api/settings/indicators': { request: () => ({ url: '/api/settings/indicators', body: { deviationThreshold: 0.04 } }) },

  'GET /api/indicators': get('/api/indicators?date=2024-07-31'),
  'GET /api/indicators/days': get('/api/indicators/days'),
  'GET /api/migration': get('/api/migration?from=2024-06-30&to=2024-07-31'),
  'GET /api/dashboards/:id': get('/api/dashboards/overview?date=2024-07-31&base=prev_month_end'),
  'GET /api/dashboards/:id/export': get('/api/dashboards/overview/export?format=xlsx&date=2024-07-31&base=prev_month_end'),
  'GET /api/report/bulletin': get('/api/report/bulletin?date=2024-07-31'),
  'GET /api/report/bulletin/export': get('/api/report/bulletin/export?format=xlsx&date=2024-07-31'),
  'GET /api/report/assessment/export': get('/api/report/assessment/export?format=xlsx&period=2024-07&all=1'),
  'GET /api/report/ranking/export': get('/api/report/ranking/export?format=xlsx&period=2024-07&type=org'),

  'GET /api/reconcile': get('/api/reconcile?date=2024-07-31'),
  'POST /api/reconcile': { status: 201, request: () => ({ url: '/api/reconcile', body: { date: '2024-07-31', org: 'B1', indicator: 'deposit_balance', value: '1000.00' } }) },
  'POST /api/reconcile/import': {
    status: 201,
    request: () => ({
      url: '/api/reconcile/import',
      body: { fileName: 'official.csv', date: '2024-07-31', content: Buffer.from('机构号,指标,数值\nB1,各项存款余额,"1,000.00"\n').toString('base64') },
    }),
  },
  'DELETE /api/reconcile/:id': {
    request: async (b, role) => {
      const f = await json<{ id: number }>(b.asAdmin('POST', '/api/reconcile', { body: { date: '2024-07-30', org: 'B1', indicator: 'loans', value: '1', source: role } }));
      return { url: `/api/reconcile/${f.id}` };
    },
    verify: async (b) => {
      const r = await json<{ rows: unknown[] }>(b.asAdmin('GET', '/api/reconcile?date=2024-07-30'));
      if (r.rows.length !== 0) throw new Error('the official figure is still there');
    },
  },

  'GET /api/monitoring/status': get('/api/monitoring/status'),
  'GET /api/monitoring/alerts': get('/api/monitoring/alerts?status=pending'),
  'GET /api/monitoring/alerts/export': get('/api/monitoring/alerts/export?format=csv'),
  // an alert of S01 at B1 for each role (a 客户经理 limited to their own sees those naming them)
  'GET /api/monitoring/alerts/:id': { request: (b, role) => ({ url: `/api/monitoring/alerts/${plantAlert(b.api.db, `get_${role}`, 'B1', 'S01')}` }) },
  'POST /api/monitoring/alerts/:id/decide': {
    request: (b, role) => ({ url: `/api/monitoring/alerts/${plantAlert(b.api.db, `decide_${role}`, 'B1', 'S01')}/decide`, body: { status: 'confirmed' } }),
  },
  'GET /api/monitoring/rules': get('/api/monitoring/rules'),
  'PUT /api/monitoring/rules/:id': { request: () => ({ url: '/api/monitoring/rules/deposit.window_dressing', body: { params: { window_days: 3 } } }) },
  'POST /api/monitoring/run': { status: 202, request: () => ({ url: '/api/monitoring/run', body: { from: '2024-07-01', to: '2024-07-31' } }) },
  'POST /api/monitoring/backtest': { request: () => ({ url: '/api/monitoring/backtest', body: { rule: 'deposit.deviation', from: '2024-07-01', to: '2024-07-31' } }) },
  'GET /api/monitoring/overview': get('/api/monitoring/overview?date=2024-07-31'),

  // grid map: the call bank has no grid, so one is planted (B1, S01's customer C001 in it)
  'GET /api/map/base': get('/api/map/base'),
  'POST /api/map/base': {
    request: () => ({ url: '/api/map/base', body: { name: '本行乡镇', system: 'WGS84', geojson: { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { name: '城东镇' }, geometry: { type: 'Polygon', coordinates: [[[118.6, 24.9], [118.7, 24.9], [118.7, 25], [118.6, 24.9]]] } }] } } }),
  },
  'DELETE /api/map/base': { request: () => ({ url: '/api/map/base' }) },
  'GET /api/map/settings': get('/api/map/settings'),
  'PUT /api/map/settings': { request: () => ({ url: '/api/map/settings', body: { coordSystem: { exports: 'WGS84' }, tileUrl: 'http://tiles.intranet/{z}/{x}/{y}.png' } }) },
  'GET /api/map/grids': get('/api/map/grids?date=2024-07-31&measure=coverage'),
  'GET /api/map/grids/:id': {
    request: (b) => {
      b.api.db.prepare("INSERT OR IGNORE INTO grid (grid_id, name, org_id, owner_staff_id, households, geometry) VALUES ('G01', '东街', 'B1', 'S01', 10, '{\"type\":\"Polygon\",\"coordinates\":[[[118.6,24.9],[118.62,24.9],[118.62,24.92],[118.6,24.9]]]}')").run();
      b.api.db.prepare("UPDATE customer SET grid_id = 'G01' WHERE cust_id = 'C001'").run();
      return { url: '/api/map/grids/G01?date=2024-07-31' };
    },
  },
  'GET /api/map/points': get('/api/map/points?kind=customer&date=2024-07-31'),
  'GET /api/map/points/:kind/:id': get('/api/map/points/customer/C001?date=2024-07-31'),
  'GET /api/map/visits': get('/api/map/visits?date=2024-07-31'),
  'POST /api/map/visits': {
    status: 201,
    request: () => ({ url: '/api/map/visits', body: { cust_id: 'C001', staff_id: 'S01', method: '上门', result: '有意向', products: ['手机银行'], visit_time: '2024-07-30 10:00' } }),
  },

  // assessment: lock and unlock work on the year 2024 (the bank's one data day, 07-31, lies in it),
  // so the month 2024-07 stays open for target cells and adjustments
  'GET /api/assess': get('/api/assess?period=2024-07&all=1'),
  'GET /api/assess/ranking': get('/api/assess/ranking?period=2024-07&type=org'),
  'GET /api/assess/schemes/:type': get('/api/assess/schemes/org'),
  'PUT /api/assess/schemes/:type': {
    // the scheme in force, saved again as a new version: valid by construction
    request: async (b) => ({ url: '/api/assess/schemes/staff', body: (await json<{ current: unknown }>(b.asAdmin('GET', '/api/assess/schemes/staff'))).current }),
  },
  'GET /api/assess/targets': get('/api/assess/targets?period=2024-07'),
  'PUT /api/assess/targets': { request: () => ({ url: '/api/assess/targets?period=2024-07', body: { object_type: 'org', object_id: 'B1', indicator: 'deposit_avg', value: 1000 } }) },
  'POST /api/assess/adjustments': { status: 201, request: (_b, role) => ({ url: '/api/assess/adjustments', body: { period: '2024-07', object_type: 'org', object_id: 'B1', points: 1, reason: `调整 ${role}` } }) },
  'DELETE /api/assess/adjustments/:id': {
    request: async (b, role) => {
      const a = await json<{ id: number }>(b.asAdmin('POST', '/api/assess/adjustments', { body: { period: '2024-07', object_type: 'staff', object_id: 'S01', points: -1, reason: `删除 ${role}` } }));
      return { url: `/api/assess/adjustments/${a.id}` };
    },
  },
  'POST /api/assess/lock': {
    request: async (b) => {
      await b.asAdmin('POST', '/api/assess/unlock', { body: { period: '2024' } }); // 409 when not locked: fine
      return { url: '/api/assess/lock', body: { period: '2024' } };
    },
  },
  'POST /api/assess/unlock': {
    request: async (b) => {
      await b.asAdmin('POST', '/api/assess/lock', { body: { period: '2024' } }); // 409 when locked already: fine
      return { url: '/api/assess/unlock', body: { period: '2024' } };
    },
  },

  // visit routes: B1 given a point (the start); S01 owns no grid and C001 has no point, so the plan is
  // empty but real; the export lists the stop it is given
  'POST /api/map/route': { request: (b) => (withStart(b), { url: '/api/map/route', body: { staff: 'S01', date: '2024-07-31' } }) },
  'POST /api/map/route/export': {
    request: (b) => (withStart(b), { url: '/api/map/route/export', body: { plan: { staff: 'S01', stops: [{ cust_id: 'C001', lng: 118.61, lat: 24.91 }] }, format: 'xlsx', date: '2024-07-31' } }),
  },

  'GET /api/customers/search': get('/api/customers/search?q=C001'),
  'GET /api/customers/:id': get('/api/customers/C001'),
  'POST /api/customers/:id/reveal': { request: () => ({ url: '/api/customers/C001/reveal', body: {} }) },
  'GET /api/customers/:id/quick': get('/api/customers/C001/quick'),
  'GET /api/gaps': get('/api/gaps'),
  'GET /api/drill/:list': get('/api/drill/deposits?key=deposit_balance&date=2024-07-31'),
  'GET /api/drill/:list/export': get('/api/drill/deposits/export?key=deposit_balance&date=2024-07-31&format=csv'),
  'GET /api/gaps/export': get('/api/gaps/export?format=csv'),
  'POST /api/gaps/export': { alsoNeeds: 'export', request: () => ({ url: '/api/gaps/export?format=csv', body: { purpose: '电话回访名单' } }) },
  'GET /api/coverage': get('/api/coverage'),
  'GET /api/crm/options': get('/api/crm/options'),
  'GET /api/settings/crm/problems': get('/api/settings/crm/problems'),
  ...Object.fromEntries(
    ['items', 'rules', 'stars'].flatMap((name) => [
      [`GET /api/settings/crm/${name}`, get(`/api/settings/crm/${name}`)],
      // the settings as they are, saved again: valid by construction
      [`PUT /api/settings/crm/${name}`, { request: async (b: CallBank) => ({ url: `/api/settings/crm/${name}`, body: await json(b.asAdmin('GET', `/api/settings/crm/${name}`)) }) }],
    ]),
  ),

  'POST /api/import/upload': { request: (_b, role) => ({ url: '/api/import/upload', form: orgForm(role) }) },
  'POST /api/import/local': {
    request: (b, role) => {
      const p = b.file(`local_${role}.csv`, `机构号,机构名称,上级机构号,机构层级\nL_${role},本地网点,B1,分理处\n`);
      b.granted.add(p);
      return { url: '/api/import/local', body: { paths: [p] } };
    },
  },
  'POST /api/import/commit': { request: async (b, role) => ({ url: '/api/import/commit', body: { uploadId: await uploadAsAdmin(b, role) } }) },
  'GET /api/import/jobs/:id': {
    request: async (b, role) => {
      const { jobId } = await json<{ jobId: string }>(b.asAdmin('POST', '/api/import/commit', { body: { uploadId: await uploadAsAdmin(b, role) } }));
      return { url: `/api/import/jobs/${jobId}` };
    },
  },
  'GET /api/import/batches': get('/api/import/batches'),
  'GET /api/import/batches/:id/issues': { request: (b) => ({ url: `/api/import/batches/${b.customerBatch}/issues` }) },
  'GET /api/import/batches/:id/issues.csv': { request: (b) => ({ url: `/api/import/batches/${b.customerBatch}/issues.csv` }) },
  'POST /api/import/batches/:id/undo': {
    // a batch of the role's own, which no later batch has touched
    request: async (b, role) => {
      const [r] = await importPaths(b.api.db, [b.file(`undo_${role}.csv`, `机构号,机构名称,上级机构号,机构层级\nX_${role},撤销网点,B1,分理处\n`)]);
      return { url: `/api/import/batches/${r.batchId}/undo`, body: {} };
    },
  },
  'GET /api/import/profiles': get('/api/import/profiles'),
  'PUT /api/import/profiles': { request: (_b, role) => ({ url: '/api/import/profiles', body: DEPOSIT_PROFILE(`他行存款_${role}`) }) },
  'DELETE /api/import/profiles': {
    request: (b, role) => {
      saveProfile(b.api.db, DEPOSIT_PROFILE(`他行存款_${role}`));
      return { url: `/api/import/profiles?name=${encodeURIComponent(`他行存款_${role}`)}` };
    },
    verify: (b, role) => {
      if (getProfile(b.api.db, `他行存款_${role}`) !== null) throw new Error(`profile 他行存款_${role} is still there`);
    },
  },
};
