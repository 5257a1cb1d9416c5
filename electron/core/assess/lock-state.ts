// Whether a period is locked, without the rest of lock.ts (which needs the sheets): what every
// change of a period's inputs (targets, adjustments) checks first.
import type { Db } from '../db/connection.js';
import { HttpError } from '../auth/errors.js';

export class PeriodLockedError extends HttpError {
  constructor(period: string) {
    super(409, `考核期 ${period} 已锁定，须由管理员解锁后才能修改 (the period is locked)`, 'period_locked');
  }
}

export function isLocked(db: Db, period: string): boolean {
  return db.prepare('SELECT 1 FROM assess_lock WHERE period = ?').get(period) !== undefined;
}

export function assertUnlocked(db: Db, p: { id: string }): void {
  if (isLocked(db, p.id)) throw new PeriodLockedError(p.id);
}
