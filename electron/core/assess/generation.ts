// A counter of changes to the assessment's own inputs (schemes, target cells, adjustments),
// kept in the `setting` table so that every connection and process sees it; with the data version
// (imports, undo) and the confirmed alerts it tells whether a computed result still holds (cache.ts).
import type { Db } from '../db/connection.js';

const KEY = 'assess.generation';

export function assessGeneration(db: Db): number {
  return Number(db.prepare('SELECT value FROM setting WHERE key = ?').pluck().get(KEY) ?? 0);
}

/** Call inside the transaction that changes an input. */
export function bumpAssessGeneration(db: Db): void {
  db.prepare("INSERT INTO setting (key, value) VALUES (?, '1') ON CONFLICT(key) DO UPDATE SET value = CAST(value AS INTEGER) + 1").run(KEY);
}
