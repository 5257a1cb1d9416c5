import type { Db } from '../db/connection.js';
import type { Role } from '../../../shared/permissions.js';
import { hashPassword } from './password.js';
import { insertUser, toUserInfo } from './users.js';
import { setUserStaffId, userStaffId } from '../scope/settings.js';
import type { UserInfo } from '../../../shared/api.js';

/** Where a demo user sits in the bank: `branch` is the first 支行 (or the head office if
 *  there is none), `head` the head office; its data scope follows (electron/core/scope). */
type Placement = 'none' | 'branch' | 'head';

/** The demo accounts, one per role. The README and the login page read this list. */
export const DEMO_USERS: readonly { username: string; password: string; role: Role; displayName: string; placement: Placement }[] = [
  { username: 'admin', password: 'admin123', role: 'admin', displayName: '系统管理员', placement: 'head' },
  { username: 'hangzhang', password: 'demo123', role: 'branch_manager', displayName: '行长', placement: 'branch' },
  { username: 'datang', password: 'demo123', role: 'lobby_manager', displayName: '大堂经理', placement: 'branch' },
  { username: 'jixiao', password: 'demo123', role: 'performance_officer', displayName: '绩效专员', placement: 'head' },
  // a 客户经理 of the same 支行, linked to a 员工号 there: sees only the customers they manage
  { username: 'jingli', password: 'demo123', role: 'account_manager', displayName: '客户经理', placement: 'branch' },
];

const DEMO_KEY = 'demo';

export function isDemo(db: Db): boolean {
  const row = db.prepare('SELECT value FROM setting WHERE key = ?').get(DEMO_KEY) as { value: string } | undefined;
  return row?.value === '1';
}

export function markDemo(db: Db): void {
  db.prepare('INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(
    DEMO_KEY,
    '1',
  );
}

function orgFor(db: Db, placement: Placement): string | null {
  if (placement === 'none') return null;
  const head = db
    .prepare("SELECT org_id FROM org WHERE level = '总行' OR parent_id IS NULL OR parent_id = '' ORDER BY (level = '总行') DESC, org_id LIMIT 1")
    .get() as { org_id: string } | undefined;
  if (placement === 'head') return head?.org_id ?? null;
  const branch = db.prepare("SELECT org_id FROM org WHERE level = '支行' ORDER BY org_id LIMIT 1").get() as
    | { org_id: string }
    | undefined;
  return branch?.org_id ?? head?.org_id ?? null;
}

/**
 * Creates the demo accounts that do not exist yet. Seeding may run before or after the org file
 * is imported, so a demo account created without an org gets one once the orgs are there.
 * Passwords are hashed before the transaction (scrypt runs off the event loop and cannot be
 * awaited inside a synchronous SQLite transaction).
 */
export async function ensureDemoUsers(db: Db): Promise<UserInfo[]> {
  const exists = db.prepare('SELECT 1 FROM app_user WHERE username = ?');
  const hashes = new Map<string, string>();
  for (const d of DEMO_USERS) if (!exists.get(d.username)) hashes.set(d.username, await hashPassword(d.password));
  return db.transaction(() =>
    DEMO_USERS.map((d) => {
      const orgId = orgFor(db, d.placement);
      const row = db.prepare('SELECT username, display_name, role, org_id FROM app_user WHERE username = ?').get(d.username) as
        | { username: string; display_name: string; role: string; org_id: string | null }
        | undefined;
      if (!row) {
        const user = insertUser(db, { username: d.username, displayName: d.displayName, role: d.role, orgId }, hashes.get(d.username) ?? '');
        if (d.role === 'account_manager') linkDemoManager(db, d.username, orgId);
        return user;
      }
      if (row.org_id === null && orgId !== null) {
        db.prepare('UPDATE app_user SET org_id = ? WHERE username = ?').run(orgId, d.username);
        row.org_id = orgId;
      }
      if (d.role === 'account_manager') linkDemoManager(db, d.username, row.org_id);
      return toUserInfo(row);
    }),
  )();
}

/** The demo 客户经理 stands for the 客户经理 of their org who manages the most customers (once
 *  staff and customers are imported), so "their own customers" is a real, non-empty list. */
function linkDemoManager(db: Db, username: string, orgId: string | null): void {
  if (orgId === null || userStaffId(db, username) !== null) return;
  const staff = db
    .prepare(
      `SELECT s.staff_id FROM staff s JOIN customer c ON c.manager_id = s.staff_id
        WHERE s.org_id = ? AND s.post = '客户经理' GROUP BY s.staff_id ORDER BY count(*) DESC, s.staff_id LIMIT 1`,
    )
    .pluck()
    .get(orgId) as string | undefined;
  if (staff) setUserStaffId(db, username, staff);
}
