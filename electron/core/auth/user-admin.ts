// User administration (用户管理): list, create, change role/org/name, disable and enable, reset a
// password, and a user's own password change. Each change and its audit row are one transaction,
// so no change goes unrecorded. At least one enabled administrator always remains.
import type { UserInfo } from '../../../shared/api.js';
import { ROLES, type Role } from '../../../shared/permissions.js';
import type { AdminUser, NewUserRequest, OrgOption, StaffNote, UserUpdateRequest } from '../../../shared/users.js';
import { auditInTransaction } from '../audit/index.js';
import { StillBusyError, whenWritable } from '../db/busy.js';
import type { Db } from '../db/connection.js';
import { BadRequestError, HttpError, NotFoundError, UnauthorizedError } from './errors.js';
import { hashPassword, verifyPassword } from './password.js';
import { checkPassword } from './password-policy.js';
import { getUser, insertUser } from './users.js';
import { accountManagerOwnCustomers, setUserStaffId } from '../scope/settings.js';

interface Row {
  username: string;
  display_name: string;
  role: string;
  org_id: string | null;
  org_name: string | null;
  staff_id: string | null;
  staff_name: string | null;
  staff_org_name: string | null;
  staff_known: number;
  disabled: number;
  must_change_password: number;
  created_at: string;
  updated_at: string | null;
  password_hash: string;
}

const SELECT = `SELECT u.username, u.display_name, u.role, u.org_id, o.name AS org_name, NULLIF(u.staff_id, '') AS staff_id,
  s.name AS staff_name, so.name AS staff_org_name, s.staff_id IS NOT NULL AS staff_known, u.disabled,
  u.must_change_password, u.created_at, u.updated_at, u.password_hash
  FROM app_user u LEFT JOIN org o ON o.org_id = u.org_id
  LEFT JOIN staff s ON s.staff_id = u.staff_id LEFT JOIN org so ON so.org_id = s.org_id`;

/**
 * Not errors, things to look at: the staff file may be imported after the accounts are made (the
 * demo users are), so an unknown 员工号 is kept and flagged rather than refused.
 */
function staffNote(r: Row, ownCustomersOnly: boolean): StaffNote | null {
  if (r.staff_id !== null) return r.staff_known ? null : 'unknown_staff';
  return r.role === 'account_manager' && ownCustomersOnly ? 'needs_staff' : null;
}

function toAdminUser(r: Row, ownCustomersOnly: boolean): AdminUser {
  return {
    username: r.username,
    displayName: r.display_name,
    role: r.role,
    orgId: r.org_id,
    orgName: r.org_name,
    staffId: r.staff_id,
    staffName: r.staff_name,
    staffOrgName: r.staff_org_name,
    staffNote: staffNote(r, ownCustomersOnly),
    disabled: r.disabled !== 0,
    mustChangePassword: r.must_change_password !== 0,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export function listUsers(db: Db): AdminUser[] {
  const own = accountManagerOwnCustomers(db);
  return (db.prepare(`${SELECT} ORDER BY u.disabled, u.username`).all() as Row[]).map((r) => toAdminUser(r, own));
}

function row(db: Db, username: string): Row {
  const r = db.prepare(`${SELECT} WHERE u.username = ?`).get(username) as Row | undefined;
  if (!r) throw new NotFoundError(`用户 ${username} 不存在。 (No such user.)`, 'no_user');
  return r;
}

export function findUser(db: Db, username: string): AdminUser {
  return toAdminUser(row(db, username), accountManagerOwnCustomers(db));
}

/** Orgs a user can be placed in, head office first (the org select of the users page). */
export function listOrgs(db: Db): OrgOption[] {
  return db
    .prepare(
      `SELECT org_id AS orgId, name, level, parent_id AS parentId FROM org
       ORDER BY (parent_id IS NULL OR parent_id = '') DESC, level, org_id`,
    )
    .all() as OrgOption[];
}

function checkRole(role: string): asserts role is Role {
  if (!(ROLES as readonly string[]).includes(role)) throw new BadRequestError(`未知的角色：${role} (unknown role)`, 'bad_role');
}

function checkOrg(db: Db, orgId: string | null): void {
  if (orgId === null) return;
  if (!db.prepare('SELECT 1 FROM org WHERE org_id = ?').get(orgId)) {
    throw new BadRequestError(`机构 ${orgId} 不存在，请从机构列表中选择。 (No such org.)`, 'bad_org');
  }
}

const isActiveAdmin = (r: Pick<Row, 'role' | 'disabled'>) => r.role === 'admin' && r.disabled === 0;

/** Refuses a change that would leave no enabled administrator: nobody could then manage users. */
function keepOneAdmin(db: Db, before: Row, after: Pick<Row, 'role' | 'disabled'>): void {
  if (!isActiveAdmin(before) || isActiveAdmin(after)) return;
  const n = db.prepare("SELECT count(*) FROM app_user WHERE role = 'admin' AND disabled = 0").pluck().get() as number;
  if (n <= 1) {
    throw new HttpError(
      409,
      `${before.username} 是唯一启用的系统管理员，不能停用或改为其他角色；请先让另一位用户成为管理员。 (At least one active administrator must remain.)`,
      'last_admin',
    );
  }
}

const now = () => new Date().toISOString();

/** Runs a change as one immediate transaction once no import holds the write lock (db/busy.ts). */
async function change(db: Db, work: () => void): Promise<void> {
  try {
    await whenWritable(db, () => db.transaction(work).immediate(), 30_000);
  } catch (e) {
    if (e instanceof StillBusyError) {
      throw new HttpError(503, '数据库正忙（可能正在导入数据），请稍后重试。 (The database is busy, probably importing; try again.)', 'busy');
    }
    throw e;
  }
}
const userTarget = (username: string) => `user:${username}`;

/**
 * An administrator creates a user with a first password, which the user must change at the first
 * sign-in (the administrator knows it).
 */
export async function createManagedUser(db: Db, actor: UserInfo, req: NewUserRequest): Promise<AdminUser> {
  checkRole(req.role);
  checkPassword(db, req.username, req.password);
  const hash = await hashPassword(req.password);
  await change(db, () => {
    checkOrg(db, req.orgId);
    insertUser(db, { username: req.username, displayName: req.displayName, role: req.role, orgId: req.orgId }, hash);
    db.prepare('UPDATE app_user SET must_change_password = 1 WHERE username = ?').run(req.username);
    const staffId = req.staffId?.trim() || null;
    if (staffId !== null) setUserStaffId(db, req.username, staffId);
    auditInTransaction(db, {
      username: actor.username,
      action: 'user_create',
      target: userTarget(req.username),
      detail: { role: req.role, orgId: req.orgId, displayName: req.displayName.trim(), ...(staffId !== null ? { staffId } : {}) },
    });
  });
  return findUser(db, req.username);
}

/** Changes a user's name, role or org; refused when it would demote the last administrator. */
export async function updateManagedUser(db: Db, actor: UserInfo, username: string, req: UserUpdateRequest): Promise<AdminUser> {
  if (req.role !== undefined) checkRole(req.role);
  if (req.displayName !== undefined && !req.displayName.trim()) {
    throw new BadRequestError('请填写姓名。 (Display name is required.)', 'bad_display_name');
  }
  await change(db, () => {
    const before = row(db, username);
    const after = {
      display_name: req.displayName?.trim() ?? before.display_name,
      role: req.role ?? before.role,
      org_id: req.orgId !== undefined ? req.orgId : before.org_id,
      staff_id: req.staffId !== undefined ? req.staffId?.trim() || null : before.staff_id,
    };
    if (after.org_id !== before.org_id) checkOrg(db, after.org_id);
    keepOneAdmin(db, before, { role: after.role, disabled: before.disabled });
    const changed: Record<string, { from: unknown; to: unknown }> = {};
    if (after.display_name !== before.display_name) changed.displayName = { from: before.display_name, to: after.display_name };
    if (after.role !== before.role) changed.role = { from: before.role, to: after.role };
    if (after.org_id !== before.org_id) changed.orgId = { from: before.org_id, to: after.org_id };
    if (after.staff_id !== before.staff_id) changed.staffId = { from: before.staff_id, to: after.staff_id };
    if (Object.keys(changed).length === 0) return;
    db.prepare('UPDATE app_user SET display_name = ?, role = ?, org_id = ?, updated_at = ? WHERE username = ?').run(
      after.display_name,
      after.role,
      after.org_id,
      now(),
      username,
    );
    if (after.staff_id !== before.staff_id) setUserStaffId(db, username, after.staff_id);
    auditInTransaction(db, { username: actor.username, action: 'user_update', target: userTarget(username), detail: changed });
  });
  return findUser(db, username);
}

/** Disables or enables an account. An administrator cannot disable their own account, and the
 *  last enabled administrator cannot be disabled. */
export async function setUserDisabled(db: Db, actor: UserInfo, username: string, disabled: boolean): Promise<AdminUser> {
  if (disabled && username === actor.username) {
    throw new HttpError(409, '不能停用自己的账号。 (You cannot disable your own account.)', 'self_disable');
  }
  await change(db, () => {
    const before = row(db, username);
    if ((before.disabled !== 0) === disabled) return;
    keepOneAdmin(db, before, { role: before.role, disabled: disabled ? 1 : 0 });
    db.prepare('UPDATE app_user SET disabled = ?, updated_at = ? WHERE username = ?').run(disabled ? 1 : 0, now(), username);
    auditInTransaction(db, { username: actor.username, action: disabled ? 'user_disable' : 'user_enable', target: userTarget(username) });
  });
  return findUser(db, username);
}

/** Sets a new password the user must change at the next sign-in. */
export async function resetUserPassword(db: Db, actor: UserInfo, username: string, password: string): Promise<AdminUser> {
  row(db, username);
  checkPassword(db, username, password);
  const hash = await hashPassword(password);
  await change(db, () => {
    row(db, username);
    db.prepare('UPDATE app_user SET password_hash = ?, must_change_password = 1, updated_at = ? WHERE username = ?').run(hash, now(), username);
    auditInTransaction(db, { username: actor.username, action: 'user_reset_password', target: userTarget(username) });
  });
  return findUser(db, username);
}

/** A user changes their own password; the current one proves it is them. Clears the reset flag. */
export async function changeOwnPassword(db: Db, username: string, current: string, password: string): Promise<UserInfo> {
  const before = row(db, username);
  if (before.disabled !== 0 || !(await verifyPassword(current, before.password_hash))) {
    // 400, not 401: the session is fine, and a 401 would sign the user out
    throw new BadRequestError('当前密码不正确。 (The current password is wrong.)', 'bad_current_password');
  }
  checkPassword(db, username, password);
  if (current.normalize('NFC') === password.normalize('NFC')) {
    throw new BadRequestError('新密码不能与当前密码相同。 (Choose a password other than the current one.)', 'weak_password');
  }
  const hash = await hashPassword(password);
  await change(db, () => {
    db.prepare('UPDATE app_user SET password_hash = ?, must_change_password = 0, updated_at = ? WHERE username = ?').run(hash, now(), username);
    auditInTransaction(db, { username, action: 'password_change', target: userTarget(username) });
  });
  const user = getUser(db, username);
  if (!user) throw new UnauthorizedError();
  return user;
}
