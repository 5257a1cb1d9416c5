import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { migrateLegacyCardKey } from '../import/card-key.js';
import { migrate } from './migrate.js';

export type Db = Database.Database;

export interface OpenOptions {
  /** open without applying migrations (used to inspect a database newer than the code) */
  readonly?: boolean;
}

/**
 * Opens a database that must already exist: read-only commands (stats, customer, …) given a path
 * with no database would otherwise create an empty one and answer with empty figures.
 */
export function openExistingDb(file: string): Db {
  if (file !== ':memory:' && !fs.existsSync(file)) {
    throw new Error(`数据库文件不存在：${path.resolve(file)}（请检查 --db；只读命令不会新建数据库）`);
  }
  return openDb(file);
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
  if (!opts.readonly) {
    migrate(db);
    try {
      migrateLegacyCardKey(db); // earlier versions kept the card-number key in the file itself
    } catch (e) {
      db.close();
      throw e;
    }
  }
  return db;
}
