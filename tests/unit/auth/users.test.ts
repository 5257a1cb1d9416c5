import { describe, expect, it } from 'vitest';
import { ROLES, ROLE_PERMISSIONS } from '../../../shared/permissions.js';
import {
  BadRequestError, DEMO_USERS, ForbiddenError, createUser, ensureDemoUsers, getUser, isDemo, markDemo, needsSetup,
  setupAdmin, verifyLogin,
} from '../../../electron/core/auth/index.js';
import { tempDb } from './helpers.js';

describe('local users', () => {
  it('creates a user whose password verifies, stored hashed', async () => {
    const { db } = tempDb();
    await createUser(db, { username: 'li.wei', displayName: '李伟', role: 'performance_officer', orgId: '001', password: 'long enough' });
    const u = await verifyLogin(db, 'li.wei', 'long enough');
    expect(u).toMatchObject({ username: 'li.wei', displayName: '李伟', role: 'performance_officer', orgId: '001' });
    expect(u!.permissions).toEqual([...ROLE_PERMISSIONS.performance_officer]);
    expect(await verifyLogin(db, 'li.wei', 'long enougH')).toBeNull();
    expect(await verifyLogin(db, 'nobody', 'long enough')).toBeNull();
    const stored = db.prepare("SELECT password_hash FROM app_user WHERE username = 'li.wei'").pluck().get() as string;
    expect(stored.startsWith('scrypt$')).toBe(true);
    expect(stored).not.toContain('long enough');
  });

  it('refuses a short password, a bad role, a duplicate name', async () => {
    const { db } = tempDb();
    const base = { username: 'a', displayName: 'A', role: 'admin' as const, orgId: null, password: '1234567' };
    await expect(createUser(db, base)).rejects.toThrow(BadRequestError);
    await createUser(db, { ...base, password: '12345678' });
    await expect(createUser(db, { ...base, password: '12345678' })).rejects.toThrow(/已存在/);
    await expect(createUser(db, { ...base, username: 'b', role: 'root' as never, password: '12345678' })).rejects.toThrow(/角色/);
    await expect(createUser(db, { ...base, username: '../x', password: '12345678' })).rejects.toThrow(/用户名/);
  });

  it('refuses a disabled account even with the right password', async () => {
    const { db } = tempDb();
    await createUser(db, { username: 'zhang', displayName: '张', role: 'branch_manager', orgId: null, password: 'password1' });
    db.prepare("UPDATE app_user SET disabled = 1 WHERE username = 'zhang'").run();
    expect(await verifyLogin(db, 'zhang', 'password1')).toBeNull();
    expect(getUser(db, 'zhang')).toBeNull();
  });

  it('gives a user with a role this code does not know no permission at all', async () => {
    const { db } = tempDb();
    await createUser(db, { username: 'x', displayName: 'X', role: 'admin', orgId: null, password: 'password1' });
    db.prepare("UPDATE app_user SET role = 'auditor_v9' WHERE username = 'x'").run();
    expect((await verifyLogin(db, 'x', 'password1'))?.permissions).toEqual([]);
  });
});

describe('first-run setup', () => {
  it('creates the administrator once and refuses every later attempt', async () => {
    const { db } = tempDb();
    expect(needsSetup(db)).toBe(true);
    await expect(setupAdmin(db, 'short')).rejects.toThrow(BadRequestError);
    expect(needsSetup(db)).toBe(true);
    const admin = await setupAdmin(db, 'first-password');
    expect(admin.role).toBe('admin');
    expect(needsSetup(db)).toBe(false);
    await expect(setupAdmin(db, 'second-password')).rejects.toThrow(ForbiddenError);
    expect(await verifyLogin(db, admin.username, 'second-password')).toBeNull();
    expect((await verifyLogin(db, admin.username, 'first-password'))?.username).toBe(admin.username);
    expect(db.prepare('SELECT COUNT(*) FROM app_user').pluck().get()).toBe(1);
  });

  it('is refused when any user exists, even one that is not an administrator', async () => {
    const { db } = tempDb();
    await createUser(db, { username: 'datang2', displayName: 'D', role: 'lobby_manager', orgId: null, password: 'password1' });
    await expect(setupAdmin(db, 'takeover-pass')).rejects.toThrow(ForbiddenError);
  });
});

describe('demo accounts', () => {
  it('has one account per role, with the passwords the login page shows', async () => {
    expect(DEMO_USERS.map((d) => d.role).sort()).toEqual([...ROLES].sort());
    const { db } = tempDb();
    await ensureDemoUsers(db);
    for (const d of DEMO_USERS) expect((await verifyLogin(db, d.username, d.password))?.role).toBe(d.role);
    expect((await verifyLogin(db, 'hangzhang', 'demo123'))?.role).toBe('branch_manager');
    expect((await verifyLogin(db, 'admin', 'admin123'))?.role).toBe('admin');
  });

  it('places the 行长 in a 支行 and fills orgs in once the org table is loaded; running twice changes nothing', async () => {
    const { db } = tempDb();
    await ensureDemoUsers(db);
    expect(getUser(db, 'hangzhang')?.orgId).toBeNull();
    const org = db.prepare('INSERT INTO org (org_id, name, parent_id, level) VALUES (?, ?, ?, ?)');
    org.run('900', '总行营业部', null, '总行');
    org.run('920', '城东支行', '900', '支行');
    org.run('910', '城西支行', '900', '支行');
    // the demo 客户经理 stands for the 客户经理 of their 支行 who manages the most customers:
    // S2 manages C1 and C2, S1 only C3 (S3 manages more, but in another 支行)
    const staff = db.prepare("INSERT INTO staff (staff_id, name, org_id, post) VALUES (?, ?, ?, '客户经理')");
    staff.run('S1', '甲', '910');
    staff.run('S2', '乙', '910');
    staff.run('S3', '丙', '920');
    const cust = db.prepare('INSERT INTO customer (cust_id, name, org_id, manager_id) VALUES (?, ?, ?, ?)');
    for (const [id, mgr] of [['C1', 'S2'], ['C2', 'S2'], ['C3', 'S1'], ['C4', 'S3'], ['C5', 'S3'], ['C6', 'S3']]) cust.run(id, id, '910', mgr);
    await ensureDemoUsers(db);
    expect(getUser(db, 'hangzhang')?.orgId).toBe('910');
    expect(getUser(db, 'datang')?.orgId).toBe('910');
    expect(getUser(db, 'jingli')?.orgId).toBe('910');
    expect(db.prepare("SELECT staff_id FROM app_user WHERE username = 'jingli'").pluck().get()).toBe('S2');
    expect(getUser(db, 'jixiao')?.orgId).toBe('900');
    expect(getUser(db, 'admin')?.orgId).toBe('900');
    await ensureDemoUsers(db);
    expect(db.prepare('SELECT COUNT(*) FROM app_user').pluck().get()).toBe(DEMO_USERS.length);
  });

  it('records the demo flag in the setting table', async () => {
    const { db } = tempDb();
    expect(isDemo(db)).toBe(false);
    markDemo(db);
    markDemo(db);
    expect(isDemo(db)).toBe(true);
    expect(db.prepare("SELECT value FROM setting WHERE key = 'demo'").pluck().get()).toBe('1');
  });
});
