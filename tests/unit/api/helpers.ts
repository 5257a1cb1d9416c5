import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import type { Hono } from 'hono';
import { ROLES, type Role } from '../../../shared/permissions.js';
import { openDb, type Db } from '../../../electron/core/db/connection.js';
import { apiIdle, createApi, type LocalFileGrants } from '../../../electron/core/api/index.js';
import { SessionStore, getUser, hashPassword, insertUser } from '../../../electron/core/auth/index.js';

const cleanups: (() => Promise<void> | void)[] = [];

/** One real scrypt hash of 'password1', made once: tokenFor stays synchronous and fast. */
export const FIXTURE_PASSWORD = 'password1';
const FIXTURE_HASH = await hashPassword(FIXTURE_PASSWORD);

afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

export function tempDir(prefix = 'bc-api-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export interface TestApi {
  app: Hono;
  db: Db;
  dir: string;
  sessions: SessionStore;
  /** a fresh session token of a user of that role (created on first use) */
  tokenFor(role: Role): string;
  auth(role: Role): { authorization: string };
}

/** The real API over a real SQLite file in a temp folder. `userOrg`: the org of the users
 *  tokenFor creates (their data scope; without one only the administrator sees any data).
 *  `headOffice`: a 总行 org HQ is loaded and the users sit there, so every role's scope is the
 *  whole bank (tests of something other than the data scope). */
export function tempApi(opts: { localFiles?: LocalFileGrants; userOrg?: string; headOffice?: boolean } = {}): TestApi {
  const dir = tempDir();
  const db = openDb(path.join(dir, 'branch-console.db'));
  if (opts.headOffice) {
    db.prepare("INSERT INTO org (org_id, name, level) VALUES ('HQ', '总行', '总行')").run();
    opts = { ...opts, userOrg: opts.userOrg ?? 'HQ' };
  }
  const sessions = new SessionStore();
  const app = createApi({ db, dataDir: dir, sessions, localFiles: opts.localFiles });
  cleanups.push(async () => {
    await apiIdle(app);
    db.close();
  });
  const tokenFor = (role: Role) => {
    const username = `t_${role}`;
    if (!getUser(db, username)) {
      insertUser(db, { username, displayName: role, role, orgId: opts.userOrg ?? null }, FIXTURE_HASH);
    }
    return sessions.create(getUser(db, username)!);
  };
  return { app, db, dir, sessions, tokenFor, auth: (role) => ({ authorization: `Bearer ${tokenFor(role)}` }) };
}

export { ROLES };
