import type { Db } from '../db/connection.js';
import type { Role } from '../../../shared/permissions.js';
import { hashPassword } from './password.js';
import { insertUser, toUserInfo } from './users.js';
import type { UserInfo } from '../../../shared/api.js';

/** Where a demo user sits in the bank: `branch` is the first 支行 (or the head office if
 *  there is none), `head` the head office. */
type Placement = 'none' | 'branch' | 'head';

/** The demo accounts, one per role. The README and the login page read this list. */
export const DEMO_USERS: readonly { username: string; password: string; role: Role; displayName: string; placement: Placement }[] = [
  { username: 'admin', password: 'admin123', role: 'admin', displayName: '系统管理员', placement: 'none' },
  { username: 'hangzhang', password: 'demo123', role: 'branch_manager', displayName: '行长', placement: 'branch' },
  { username: 'datang', password: 'demo123', role: 'lobby_manager', displayName: '大堂经理', placement: 'branch' },
  { username: 'jixiao', password: 'demo123', role: 'performance_officer', displayName: '绩效专员', placement: 'head' },
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
        return insertUser(db, { username: d.username, displayName: d.displayName, role: d.role, orgId }, hashes.get(d.username) ?? '');
      }
      if (row.org_id === null && orgId !== null) {
        db.prepare('UPDATE app_user SET org_id = ? WHERE username = ?').run(orgId, d.username);
        row.org_id = orgId;
      }
      return toUserInfo(row);
    }),
  )();
}
