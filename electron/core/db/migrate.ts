import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db } from './connection.js';

const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

export class SchemaTooNewError extends Error {}

export function listMigrations(dir = MIGRATIONS_DIR): { version: number; name: string; sql: string }[] {
  return fs
    .readdirSync(dir)
    .filter((f) => /^\d+_.+\.sql$/.test(f))
    .map((f) => ({ version: Number(f.split('_')[0]), name: f, sql: fs.readFileSync(path.join(dir, f), 'utf8') }))
    .sort((a, b) => a.version - b.version);
}

/**
 * Applies the numbered SQL files not yet recorded in schema_migrations, each in its own
 * transaction. A database that records a version this code does not know was written by a newer
 * console: refuse it rather than guess.
 */
export function migrate(db: Db, dir = MIGRATIONS_DIR): number[] {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT, applied_at TEXT)');
  const applied = new Set(
    (db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map((r) => r.version),
  );
  const all = listMigrations(dir);
  const newest = Math.max(0, ...all.map((m) => m.version));
  const tooNew = [...applied].filter((v) => v > newest);
  if (tooNew.length) {
    throw new SchemaTooNewError(
      `数据库版本 ${Math.max(...tooNew)} 高于本程序支持的版本 ${newest}，请升级网点工作台。` +
        ` (database schema ${Math.max(...tooNew)} is newer than this console supports: ${newest})`,
    );
  }
  const done: number[] = [];
  for (const m of all) {
    if (applied.has(m.version)) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.prepare('INSERT INTO schema_migrations VALUES (?, ?, ?)').run(m.version, m.name, new Date().toISOString());
    })();
    done.push(m.version);
  }
  return done;
}
