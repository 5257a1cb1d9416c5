// The audit log is append-only whatever anyone does through the console: this walks every route
// of the API's own route table (with a user holding every permission, and with hostile input) and
// every command of the command line (the list read from its own usage text), then checks that
// every row written before is still there, unchanged.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { routesOf } from '../../../electron/core/api/index.js';
import { failedLoginLog } from '../../../electron/core/audit/failed-logins.js';
import { audit, importAuditor } from '../../../electron/core/audit/index.js';
import { importPaths } from '../../../electron/core/import/index.js';
import { cli } from '../cli/run-cli.js';
import { tempApi, tempDir } from '../api/helpers.js';

const BIN = path.resolve(__dirname, '../../../bin/branch-console.js');
const HOSTILE = "x'; DELETE FROM audit_log; UPDATE audit_log SET action='x'; --";

const FILES: Record<string, string> = {
  'org.csv': '机构号,机构名称,上级机构号,机构层级\n001,测试农商银行,,总行\n101,城东支行,001,支行\n',
  'customer.csv':
    '客户号,客户名称,客户类型,证件类型,证件号码,性别,出生日期,手机号码,联系地址,所属机构号\n' +
    'C001,张三丰,个人,身份证,350502199001011234,男,1990-01-01,13800000001,泉州市鲤城区某某路1号,101\n',
  'deposit.csv': '数据日期,账号,客户号,存款种类,开户日期,账户余额,账户状态,所属机构号\n2024-07-31,A001,C001,活期,2020-01-01,1000.00,正常,101\n',
};

type Row = Record<string, unknown>;
const snapshot = (file: string): Row[] => {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare('SELECT * FROM audit_log ORDER BY id').all() as Row[];
  } finally {
    db.close();
  }
};

/** Every row of `before` is in `after`, byte for byte, at the same id; `after` only adds. */
function expectAppendedOnly(before: Row[], after: Row[]): void {
  expect(after.length).toBeGreaterThanOrEqual(before.length);
  expect(after.slice(0, before.length)).toEqual(before);
}

/** The commands the usage text names: a command added tomorrow fails this test until walked. */
function usageCommands(): string[] {
  const { stdout } = cli('help');
  return [...new Set([...stdout.matchAll(/^\s+branch-console (\S+)/gm)].map((m) => m[1]))].sort();
}

describe('the audit log is append-only', () => {
  it('no API route changes or deletes an entry', async () => {
    const api = tempApi();
    const { app, db } = api;
    const dir = tempDir();
    const paths = Object.entries(FILES).map(([n, t]) => (fs.writeFileSync(path.join(dir, n), t), path.join(dir, n)));
    await importPaths(db, paths, { username: 'seed', audit: importAuditor('seed') });
    await audit(db, { username: 'li', action: 'customer_reveal', target: 'C001', detail: { date: '2024-07-31' } });
    await audit(db, { username: HOSTILE, action: HOSTILE, target: HOSTILE, detail: HOSTILE });
    const before = snapshot(db.name);

    const admin = api.auth('admin');
    const bodies: Record<string, unknown> = {
      'POST /api/users': { username: 'walker', displayName: '走查', role: 'lobby_manager', orgId: '101', password: 'walk-pass-123' },
      'PUT /api/users/:username': { role: 'branch_manager', displayName: HOSTILE },
      'POST /api/users/:username/reset-password': { password: 'walk-reset-456' },
      'POST /api/auth/login': { username: HOSTILE, password: HOSTILE },
      'POST /api/auth/setup': { password: 'another-setup-1' },
      'POST /api/auth/password': { current: 'password1', password: 'walk-admin-789' },
    };
    const params: Record<string, string> = { id: '1', username: 'walker' };
    const customerId = (p: string) => (p.startsWith('/api/customers/') ? 'C001' : null);
    // the own password change and logout end the admin's session: walked last
    const last = (p: string) => (p === '/api/auth/logout' ? 2 : p === '/api/auth/password' ? 1 : 0);
    const table = [...routesOf(app)].sort((a, b) => last(a.path) - last(b.path));
    let walked = 0;
    for (const r of table) {
      const key = `${r.method.toUpperCase()} ${r.path}`;
      const url = r.path.replace(/:([a-zA-Z]+)/g, (_, name: string) => encodeURIComponent(name === 'id' ? customerId(r.path) ?? params.id : params[name] ?? '1'));
      const settings = r.method === 'put' && r.path.startsWith('/api/settings/')
        ? await (await app.request(r.path, { headers: admin })).json()
        : undefined;
      const body = r.method === 'get' ? undefined : JSON.stringify(bodies[key] ?? settings ?? {});
      const query = r.method === 'get' ? `?user=${encodeURIComponent(HOSTILE)}&object=${encodeURIComponent(HOSTILE)}&format=csv&q=${encodeURIComponent(HOSTILE)}` : '';
      await app.request(url + query, { method: r.method.toUpperCase(), headers: { ...admin, 'content-type': 'application/json' }, body });
      // the same route plainly, for the GETs whose hostile query is refused before it does anything
      if (r.method === 'get') await app.request(url + '?format=csv', { headers: admin });
      walked++;
    }
    await failedLoginLog(db).flush();
    expect(walked).toBe(routesOf(app).length);
    const after = snapshot(db.name);
    expectAppendedOnly(before, after);
    // the walk itself was recorded (user changes, exports, the reveal, the failed login…)
    const actions = new Set(after.slice(before.length).map((r) => r.action));
    for (const a of ['user_create', 'user_update', 'user_reset_password', 'customer_reveal', 'audit_export', 'login_failed', 'password_change']) {
      expect(actions, a).toContain(a);
    }
  });

  // a generous limit, not a synchronisation: the walk runs every command in its own process,
  // seed imports a whole demo bank (~300,000 rows), and on a loaded 2-core machine that took
  // 100 s of the default 120
  it('no command of the command line changes or deletes an entry', { timeout: 600_000 }, async () => {
    const dir = tempDir();
    const dbFile = path.join(dir, 'walk.db');
    const files = Object.entries(FILES).map(([n, t]) => (fs.writeFileSync(path.join(dir, n), t), path.join(dir, n)));
    expect(cli('import', '--db', dbFile, '--user', HOSTILE, ...files).status).toBe(0);
    const before = snapshot(dbFile);
    expect(before.length).toBe(3); // one per file

    const walked = new Set<string>();
    const run = (...args: string[]) => {
      const r = cli(...args);
      walked.add(args[0]);
      return r;
    };
    run('import', '--db', dbFile, ...files); // again: all unchanged
    run('stats', '--db', dbFile, '--date', '2024-07-31');
    run('reconcile', '--db', dbFile, '--date', '2024-07-31');
    run('indicators', '--db', dbFile, '--date', '2024-07-31', '--json');
    run('migration', '--db', dbFile, '--from', '2024-06-30', '--to', '2024-07-31', '--json');
    run('monitor', '--db', dbFile, '--date', '2024-07-31', '--json');
    run('assess', '--db', dbFile, '--period', '2024-07', '--all', '--json');
    run('report', '--db', dbFile, '--kind', 'bulletin', '--date', '2024-07-31', '--format', 'xlsx', '--out', path.join(dir, 'bulletin.xlsx'));
    run('dashboard', '--db', dbFile, '--id', 'overview', '--date', '2024-07-31', '--format', 'xlsx', '--out', path.join(dir, 'overview.xlsx'));
    run('customer', '--db', dbFile, 'C001');
    run('customer', '--db', dbFile, HOSTILE);
    run('flows', 'paths', '--model', path.join(dir, 'no-such-model'));
    run('route', '--db', dbFile, '--date', '2024-07-31', '--staff', 'E1', '--json');
    run('seed', '--db', dbFile, '--out', path.join(dir, 'demo'), '--scale', 'small');
    // serve: up, a failed and a good request, then SIGTERM
    const child = spawn(process.execPath, [BIN, 'serve', '--db', dbFile, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      let err = '';
      child.stderr.on('data', (b) => (err += b));
      child.stdout.on('data', (b) => {
        out += b;
        const m = /(http:\/\/127\.0\.0\.1:\d+)/.exec(out);
        if (m) resolve(m[1]);
      });
      child.once('exit', (code) => reject(new Error(`serve exited early (${code}): ${err}`)));
    });
    const signIn = (password: string) =>
      fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password }) });
    expect((await signIn('not-the-password')).status).toBe(401);
    expect((await signIn('admin123')).status).toBe(200);
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
    walked.add('serve');

    expect([...walked].sort()).toEqual(usageCommands());
    const after = snapshot(dbFile);
    expectAppendedOnly(before, after);
    // added: the second import, the sign-in, and the failed one, written at shutdown with its count
    const added = after.slice(before.length);
    expect(added.filter((r) => r.action === 'login').map((r) => [r.username, r.source, r.client])).toEqual([['admin', 'web', '127.0.0.1']]);
    expect(added.filter((r) => r.action === 'login_failed').map((r) => JSON.parse(String(r.detail)).count)).toEqual([1]);
  });
});
