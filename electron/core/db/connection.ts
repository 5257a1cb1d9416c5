import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { migrate } from './migrate.js';

export type Db = Database.Database;

export interface OpenOptions {
  /** open without applying migrations (used to inspect a database newer than the code) */
  readonly?: boolean;
}

/**
 * Opens (creating if needed) the console's SQLite file in WAL mode and brings its schema up to
 * date. WAL lets the web server read while an import commits; synchronous=NORMAL is safe with WAL
 * (a power cut can lose the last commit, never corrupt the file) and roughly doubles insert speed.
 */
export function openDb(file: string, opts: OpenOptions = {}): Db {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const db = new Database(file, { readonly: opts.readonly === true });
  if (!opts.readonly) {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
  }
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma('cache_size = -65536'); // 64 MiB page cache: bounded, whatever the file size
  if (!opts.readonly) migrate(db);
  return db;
}
