// 加减分: manual ± points with a required written reason, per period and object; adding and
// removing are each audited in the same transaction. A locked period refuses both (lock.ts).
import type { ObjectType, SheetAdjustment } from '../../../shared/assessment.js';
import { auditInTransaction } from '../audit/index.js';
import type { Db } from '../db/connection.js';
import { NotFoundError } from '../auth/errors.js';
import { UserInputError } from '../errors.js';
import type { Period } from './period.js';
import { bumpAssessGeneration } from './generation.js';
import { assertUnlocked } from './lock-state.js';

interface Row {
  adjustment_id: number;
  period: string;
  object_type: ObjectType;
  object_id: string;
  points: number;
  reason: string;
  created_by: string;
  created_at: string;
}

const toItem = (r: Row): SheetAdjustment => ({ id: r.adjustment_id, points: r.points, reason: r.reason, by: r.created_by, at: r.created_at });

/** The period's adjustments keyed `type:id`, oldest first. */
export function readAdjustments(db: Db, p: Period): Map<string, SheetAdjustment[]> {
  const rows = db.prepare('SELECT * FROM assess_adjustment WHERE period = ? ORDER BY adjustment_id').all(p.id) as Row[];
  const out = new Map<string, SheetAdjustment[]>();
  for (const r of rows) {
    const k = `${r.object_type}:${r.object_id}`;
    const l = out.get(k);
    if (l) l.push(toItem(r));
    else out.set(k, [toItem(r)]);
  }
  return out;
}

export function addAdjustment(db: Db, p: Period, a: { object_type: ObjectType; object_id: string; points: number; reason: string }, username: string): SheetAdjustment {
  const reason = a.reason.trim();
  if (reason === '') throw new UserInputError('加减分须填写理由 (a reason is required)', 'reason_required');
  if (reason.length > 500) throw new UserInputError('理由最多 500 字 (at most 500 characters)', 'reason_too_long');
  if (!Number.isFinite(a.points) || a.points === 0 || Math.abs(a.points) > 100) {
    throw new UserInputError('加减分须为非零数字，绝对值不超过 100 (points: non-zero, at most 100 either way)', 'bad_points');
  }
  return db.transaction((): SheetAdjustment => {
    assertUnlocked(db, p);
    const at = new Date().toISOString();
    const id = Number(
      db.prepare('INSERT INTO assess_adjustment (period, object_type, object_id, points, reason, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(p.id, a.object_type, a.object_id, a.points, reason, username, at)
        .lastInsertRowid,
    );
    bumpAssessGeneration(db);
    auditInTransaction(db, { username, action: 'assess_adjust', target: `assess.adjustment:${id}`, detail: { op: 'add', period: p.id, object: { type: a.object_type, id: a.object_id }, points: a.points, reason } });
    return { id, points: a.points, reason, by: username, at };
  })();
}

/** Removes an adjustment (the audit row keeps what it was). `allowed` says whether the caller may touch its object. */
export function deleteAdjustment(db: Db, id: number, username: string, allowed: (type: ObjectType, objectId: string) => boolean): void {
  db.transaction(() => {
    const r = db.prepare('SELECT * FROM assess_adjustment WHERE adjustment_id = ?').get(id) as Row | undefined;
    if (!r || !allowed(r.object_type, r.object_id)) throw new NotFoundError(`加减分 #${id} 不存在。 (No such adjustment.)`, 'no_adjustment');
    assertUnlocked(db, { id: r.period });
    db.prepare('DELETE FROM assess_adjustment WHERE adjustment_id = ?').run(id);
    bumpAssessGeneration(db);
    auditInTransaction(db, { username, action: 'assess_adjust', target: `assess.adjustment:${id}`, detail: { op: 'delete', period: r.period, object: { type: r.object_type, id: r.object_id }, points: r.points, reason: r.reason } });
  })();
}
