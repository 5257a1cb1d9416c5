// Lock = publish (one action: a published book that could still move is no book): the period's
// whole-bank AssessResult is stored as computed, with the data version it was read from. From
// then on the sheets are read from the store whatever is imported; `data_changed_since` says when
// the data version moved after the lock. Unlocking needs assess:unlock (administrators) and is
// audited with what was locked.
import type { AssessResult } from '../../../shared/assessment.js';
import { auditInTransaction } from '../audit/index.js';
import type { Db } from '../db/connection.js';
import { HttpError } from '../auth/errors.js';
import { dataVersion } from '../import/data-version.js';
import { PeriodLockedError } from './lock-state.js';
import type { Period } from './period.js';
import { cachedResult } from './cache.js';
import { computeResult } from './sheet.js';

interface Row {
  period: string;
  result: string;
  data_version: number;
  locked_by: string;
  locked_at: string;
}

/** The frozen result of a locked period (whole bank), with its lock; null when not locked. */
export function lockedResult(db: Db, p: Period): AssessResult | null {
  const r = db.prepare('SELECT * FROM assess_lock WHERE period = ?').get(p.id) as Row | undefined;
  if (!r) return null;
  const result = JSON.parse(r.result) as AssessResult;
  return { ...result, locked: { at: r.locked_at, by: r.locked_by, data_changed_since: dataVersion(db) !== r.data_version } };
}

/** The whole bank's result: frozen when locked, else computed now. */
export function periodResult(db: Db, p: Period): AssessResult {
  return lockedResult(db, p) ?? cachedResult(db, p);
}

export function lockPeriod(db: Db, p: Period, username: string): AssessResult {
  // computed outside the write transaction (reading the indicators may build their tables)
  const result = computeResult(db, p);
  db.transaction(() => {
    if (db.prepare('SELECT 1 FROM assess_lock WHERE period = ?').get(p.id)) throw new PeriodLockedError(p.id);
    const at = new Date().toISOString();
    const version = dataVersion(db);
    db.prepare('INSERT INTO assess_lock (period, result, data_version, locked_by, locked_at) VALUES (?, ?, ?, ?, ?)').run(p.id, JSON.stringify(result), version, username, at);
    auditInTransaction(db, {
      username,
      action: 'assess_lock',
      target: `assess.period:${p.id}`,
      detail: { period: p.id, as_of: result.as_of, data_version: version, sheets: result.sheets.length, schemes: [...new Set(result.sheets.map((s) => `${s.object.type}:${s.scheme_version}`))] },
    });
  })();
  return lockedResult(db, p)!;
}

export function unlockPeriod(db: Db, p: Period, username: string): void {
  db.transaction(() => {
    const r = db.prepare('SELECT period, data_version, locked_by, locked_at FROM assess_lock WHERE period = ?').get(p.id) as Omit<Row, 'result'> | undefined;
    if (!r) throw new HttpError(409, `考核期 ${p.id} 未锁定 (the period is not locked)`, 'not_locked');
    db.prepare('DELETE FROM assess_lock WHERE period = ?').run(p.id);
    auditInTransaction(db, { username, action: 'assess_unlock', target: `assess.period:${p.id}`, detail: { period: p.id, locked_by: r.locked_by, locked_at: r.locked_at, data_version: r.data_version } });
  })();
}
