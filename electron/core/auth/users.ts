import type { Db } from '../db/connection.js';
import type { UserInfo } from '../../../shared/api.js';
import { ROLES, ROLE_PERMISSIONS, type Role } from '../../../shared/permissions.js';
import { BadRequestError, ForbiddenError } from './errors.js';
import { dummyHash, hashPassword, verifyPassword } from './password.js';
import { checkPassword } from './password-policy.js';
import { auditInTransaction } from '../audit/index.js';

export { PASSWORD_MIN_LENGTH as MIN_PASSWORD_LENGTH } from './password-policy.js';
/** The account `setupAdmin` creates on a fresh install. */
export const SETUP_ADMIN_USERNAME = 'admin';

export interface NewUser {
  username: string;
  displayName: string;
  role: Role;
  orgId: string | null;
  password: string;
}

interface UserRow {
  username: string;
  display_name: string;
  role: string;
  org_id: string | null;
  password_hash: string;
  disabled: number;
  must_change_password?: number;
}

export function toUserInfo(row: Pick<UserRow, 'username' | 'display_name' | 'role' | 'org_id' | 'must_change_password'>): UserInfo {
  const role = (ROLES as readonly string[]).includes(row.role) ? (row.role as Role) : null;
  return {
    username: row.username,
    displayName: row.display_name,
    // A role this code does not know (a newer console wrote it) gets no permission at all.
    role: role ?? ('lobby_manager' as Role),
    orgId: row.org_id,
    permissions: role ? [...ROLE_PERMISSIONS[role]] : [],
    ...(row.must_change_password ? { mustChangePassword: true } : {}),
  };
}

function checkNewUser(u: Omit<NewUser, 'password'>): void {
  if (!/^[\p{L}\p{N}_.@-]{1,64}$/u.test(u.username)) {
    throw new BadRequestError('用户名只能由字母、数字、下划线、点、@ 或 - 组成，最长 64 个字符。 (Invalid user name.)', 'bad_username');
  }
  if (!(ROLES as readonly string[]).includes(u.role)) {
    throw new BadRequestError(`未知的角色：${u.role} (unknown role)`, 'bad_role');
  }
  if (!u.displayName.trim()) throw new BadRequestError('请填写姓名。 (Display name is required.)', 'bad_display_name');
}

/**
 * Creates a local user whose password passes the policy (password-policy.ts). The hash is made
 * first, off the event loop; the insert is then one synchronous statement.
 */
export async function createUser(db: Db, u: NewUser): Promise<UserInfo> {
  checkNewUser(u);
  checkPassword(db, u.username, u.password);
  return insertUser(db, u, await hashPassword(u.password));
}

/**
 * The synchronous half of createUser, for callers that must check and insert inside one
 * SQLite transaction (first-run setup, the demo accounts): the caller hashes the password
 * beforehand with hashPassword and has checked it against the policy.
 */
export function insertUser(db: Db, u: Omit<NewUser, 'password'>, passwordHash: string): UserInfo {
  checkNewUser(u);
  const exists = db.prepare('SELECT 1 FROM app_user WHERE username = ?').get(u.username);
  if (exists) throw new BadRequestError(`用户名 ${u.username} 已存在。 (User already exists.)`, 'user_exists');
  db.prepare(
    'INSERT INTO app_user (username, display_name, role, org_id, password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)',
  ).run(u.username, u.displayName.trim(), u.role, u.orgId, passwordHash, new Date().toISOString());
  return toUserInfo({ username: u.username, display_name: u.displayName.trim(), role: u.role, org_id: u.orgId });
}

export function getUser(db: Db, username: string): UserInfo | null {
  const row = db
    .prepare('SELECT username, display_name, role, org_id, must_change_password FROM app_user WHERE username = ? AND disabled = 0')
    .get(username) as UserRow | undefined;
  return row ? toUserInfo(row) : null;
}

/** The user when the password is right and the account enabled; otherwise null, after the same
 *  amount of hashing work, so timing does not reveal which user names exist. */
export async function verifyLogin(db: Db, username: string, password: string): Promise<UserInfo | null> {
  const row = db.prepare('SELECT * FROM app_user WHERE username = ?').get(username) as UserRow | undefined;
  if (!row) {
    await verifyPassword(password, await dummyHash());
    return null;
  }
  const ok = await verifyPassword(password, row.password_hash);
  return ok && row.disabled === 0 ? toUserInfo(row) : null;
}

export function needsSetup(db: Db): boolean {
  return (db.prepare('SELECT COUNT(*) AS n FROM app_user').get() as { n: number }).n === 0;
}

/**
 * First run: creates the administrator with the chosen password. Refused once any user exists,
 * so this unauthenticated path can never be used to take over an installed console. The check
 * and the insert share one immediate transaction so two racing calls cannot both succeed.
 */
export async function setupAdmin(db: Db, password: string): Promise<UserInfo> {
  const u: NewUser = { username: SETUP_ADMIN_USERNAME, displayName: '系统管理员', role: 'admin', orgId: null, password };
  checkNewUser(u);
  checkPassword(db, u.username, password);
  // Cheap refusal first, so repeated calls on an installed console cost no hashing.
  if (!needsSetup(db)) throw setupDone();
  const hash = await hashPassword(password);
  const run = db.transaction(() => {
    if (!needsSetup(db)) throw setupDone();
    const user = insertUser(db, u, hash);
    auditInTransaction(db, { username: user.username, action: 'setup', target: user.username });
    return user;
  });
  return run.immediate();
}

function setupDone(): ForbiddenError {
  return new ForbiddenError('系统已完成初始化，不能再次设置管理员。 (Setup has already been done.)', 'setup_done');
}
