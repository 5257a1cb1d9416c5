import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import { openDb, type Db } from '../../../electron/core/db/connection.js';

const open: { db: Db; dir: string }[] = [];

/** A fresh, migrated SQLite file in its own temp folder, closed and removed after the test. */
export function tempDb(): { db: Db; dir: string; file: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bc-auth-'));
  const file = path.join(dir, 'branch-console.db');
  const db = openDb(file);
  open.push({ db, dir });
  return { db, dir, file };
}

afterEach(() => {
  for (const { db, dir } of open.splice(0)) {
    if (db.open) db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
