// A counter of changes to the imported data. Derived tables (holdings, the search index) record
// the version they were built from and rebuild when it has moved on.
import type { Db } from '../db/connection.js';

export function dataVersion(db: Db): number {
  return Number(db.prepare("SELECT value FROM setting WHERE key = 'data_version'").pluck().get() ?? 0);
}

export function bumpDataVersion(db: Db): void {
  db.prepare(
    "INSERT INTO setting (key, value) VALUES ('data_version', '1') ON CONFLICT(key) DO UPDATE SET value = CAST(value AS INTEGER) + 1",
  ).run();
}
