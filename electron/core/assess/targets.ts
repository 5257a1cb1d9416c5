// 考核目标: the imported `target` rows (考核期 + 对象类型 机构/员工 + 对象编号 + 指标 as an id or its
// Chinese name + 目标值) and the grid's one-cell edits of them, audited with the old and new value.
//
// Units: a money target is in 元 (as every amount of the export files), a ratio target a
// fraction (0.02 for 2%), a count a count. A 指标 that names no target indicator, or one indicator
// given twice (by id and by name) with two values, is a problem listed with the row, never guessed.
import { TARGET_INDICATORS, type ObjectType, type TargetIndicatorId } from '../../../shared/assessment.js';
import { auditInTransaction } from '../audit/index.js';
import type { Db } from '../db/connection.js';
import { UserInputError } from '../errors.js';
import { bumpAssessGeneration } from './generation.js';
import { assertUnlocked } from './lock-state.js';
import { parsePeriod, type Period } from './period.js';

const BY_TEXT = new Map<string, TargetIndicatorId>(TARGET_INDICATORS.flatMap((t) => [[t.id, t.id] as const, [t.zh, t.id] as const]));
const TYPE_LABEL: Record<ObjectType, string> = { org: '机构', staff: '员工' };

/** An indicator id from the 指标 cell (id or Chinese name), or null. */
export function indicatorOf(text: string): TargetIndicatorId | null {
  return BY_TEXT.get(text.trim()) ?? null;
}

export interface TargetCell {
  object_type: ObjectType;
  object_id: string;
  indicator: TargetIndicatorId;
  value: number;
  /** the import batch it came from; null after a grid edit */
  batch_id: number | null;
}

export interface TargetProblem {
  object_type: ObjectType;
  object_id: string;
  indicator: string;
  problem: string;
}

interface Row {
  period: string;
  subject_type: string;
  subject_id: string;
  indicator: string;
  target_value: number;
  batch_id: number | null;
}

function typeOf(label: string): ObjectType | null {
  return label === '机构' ? 'org' : label === '员工' ? 'staff' : null;
}

/** The period's targets, keyed `type:id` → indicator → value, and the rows that cannot be used. */
export function readTargets(db: Db, p: Period): { cells: TargetCell[]; problems: TargetProblem[] } {
  // the 考核期 is text as the file wrote it: 2024q3 and 2024Q3 are one period
  const rows = db.prepare('SELECT period, subject_type, subject_id, indicator, target_value, batch_id FROM target WHERE upper(trim(period)) = ?').all(p.id) as Row[];
  const cells = new Map<string, TargetCell>();
  const problems: TargetProblem[] = [];
  for (const r of rows) {
    const type = typeOf(r.subject_type);
    if (type === null) continue; // the importer's enum admits only 机构/员工
    const id = indicatorOf(r.indicator);
    if (id === null) {
      problems.push({ object_type: type, object_id: r.subject_id, indicator: r.indicator, problem: `指标“${r.indicator}”不是考核指标 (not a target indicator)` });
      continue;
    }
    const k = `${type}\u0001${r.subject_id}\u0001${id}`;
    const prev = cells.get(k);
    if (prev && prev.value !== r.target_value) {
      problems.push({ object_type: type, object_id: r.subject_id, indicator: id, problem: `指标 ${id} 有两个目标值 ${prev.value} 与 ${r.target_value} (two targets)` });
      continue;
    }
    cells.set(k, { object_type: type, object_id: r.subject_id, indicator: id, value: r.target_value, batch_id: r.batch_id });
  }
  // an indicator with two different targets has none: 未设目标 until someone settles it
  const conflicted = new Set(problems.filter((x) => indicatorOf(x.indicator) !== null).map((x) => `${x.object_type}\u0001${x.object_id}\u0001${x.indicator}`));
  return { cells: [...cells.entries()].filter(([k]) => !conflicted.has(k)).map(([, c]) => c), problems };
}

/** type:id → indicator → target value. */
export function targetIndex(cells: readonly TargetCell[]): Map<string, Map<TargetIndicatorId, number>> {
  const out = new Map<string, Map<TargetIndicatorId, number>>();
  for (const c of cells) {
    const k = `${c.object_type}:${c.object_id}`;
    let m = out.get(k);
    if (!m) out.set(k, (m = new Map()));
    m.set(c.indicator, c.value);
  }
  return out;
}

/**
 * One cell of the grid: sets (value) or clears (null) the target of an object, indicator and
 * period, audited with the old and the new value in the same transaction. Rows the file wrote with
 * the Chinese name are replaced by the id form. A locked period refuses (409).
 */
export function setTarget(db: Db, p: Period, cell: { object_type: ObjectType; object_id: string; indicator: TargetIndicatorId; value: number | null }, username: string): void {
  if (cell.value !== null && !Number.isFinite(cell.value)) throw new UserInputError('目标值须为数字 (a target is a number)', 'bad_target');
  const t = TARGET_INDICATORS.find((x) => x.id === cell.indicator)!;
  db.transaction(() => {
    assertUnlocked(db, p);
    const old = db
      .prepare('SELECT period, indicator, target_value FROM target WHERE upper(trim(period)) = ? AND subject_type = ? AND subject_id = ? AND indicator IN (?, ?)')
      .all(p.id, TYPE_LABEL[cell.object_type], cell.object_id, t.id, t.zh) as { period: string; indicator: string; target_value: number }[];
    db.prepare('DELETE FROM target WHERE upper(trim(period)) = ? AND subject_type = ? AND subject_id = ? AND indicator IN (?, ?)').run(p.id, TYPE_LABEL[cell.object_type], cell.object_id, t.id, t.zh);
    if (cell.value !== null) {
      db.prepare('INSERT INTO target (period, subject_type, subject_id, indicator, target_value, batch_id) VALUES (?, ?, ?, ?, ?, NULL)').run(p.id, TYPE_LABEL[cell.object_type], cell.object_id, t.id, cell.value);
    }
    bumpAssessGeneration(db);
    auditInTransaction(db, {
      username,
      action: 'assess_target',
      target: `assess.target:${p.id}:${cell.object_type}:${cell.object_id}:${cell.indicator}`,
      detail: { period: p.id, object: { type: cell.object_type, id: cell.object_id }, indicator: cell.indicator, old: old.map((o) => o.target_value), new: cell.value },
    });
  })();
}

/**
 * 考核期 texts of imported rows that name no period (2024-7, 202407, 7月): their targets belong to
 * no sheet. Listed with their row counts so the target screen can say so, rather than drop them.
 */
export function unreadablePeriods(db: Db): { period: string; rows: number }[] {
  const all = db.prepare('SELECT period, count(*) AS rows FROM target GROUP BY period ORDER BY period').all() as { period: string; rows: number }[];
  return all.filter((r) => {
    try {
      parsePeriod(r.period);
      return false;
    } catch {
      return true;
    }
  });
}
