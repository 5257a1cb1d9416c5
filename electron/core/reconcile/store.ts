// The official figures: entered one by one, imported as a sheet (sheet.ts), listed, deleted.
// Every write carries its audit row in the same transaction, and runs once no import holds the
// write lock (db/busy.ts). An org outside the caller's scope answers 404 (scope/).
import { randomUUID } from 'node:crypto';
import { isDay } from '../../../shared/dates.js';
import { fenToYuan } from '../../../shared/money.js';
import type { OfficialEntry, OfficialFigure, ReconcilableUnit } from '../../../shared/reconcile.js';
import { INDICATOR_BY_KEY } from '../../../shared/indicators.js';
import { auditInTransaction } from '../audit/index.js';
import { HttpError, NotFoundError } from '../auth/errors.js';
import { StillBusyError, whenWritable } from '../db/busy.js';
import type { Db } from '../db/connection.js';
import { UserInputError } from '../errors.js';
import { ValueError } from '../import/values.js';
import { loadOrgTree } from '../metrics/org-tree.js';
import { coversOrg, narrowScope, orgInScopeSql, type Scope } from '../scope/index.js';
import { indicatorOf, readValue, type StoredValue } from './values.js';

/** A figure ready to store (every check passed). */
export interface NewFigure {
  date: string;
  orgId: string;
  key: string;
  value: StoredValue;
  source: string;
}

interface Row {
  id: number;
  data_date: string;
  org_id: string;
  indicator: string;
  value_int: number | null;
  value_dec: string | null;
  source: string;
  entered_by: string;
  entered_at: string;
  batch: string | null;
  org_name: string | null;
}

const SELECT = `SELECT f.*, o.name AS org_name FROM official_figure f LEFT JOIN org o ON o.org_id = f.org_id`;

export function unitOf(key: string): ReconcilableUnit {
  return INDICATOR_BY_KEY.get(key)!.unit as ReconcilableUnit;
}

function figureOf(r: Row): OfficialFigure {
  const unit = unitOf(r.indicator);
  const value = r.value_dec ?? (unit === 'yuan' ? fenToYuan(r.value_int!) : r.value_int!);
  return {
    id: r.id,
    date: r.data_date,
    orgId: r.org_id,
    orgName: r.org_name ?? r.org_id,
    key: r.indicator,
    unit,
    value,
    source: r.source,
    enteredBy: r.entered_by,
    enteredAt: r.entered_at,
    batch: r.batch,
  };
}

/** The official figures of a date for the orgs inside the scope, by org then indicator order. */
export function listFigures(db: Db, scope: Scope, date: string): OfficialFigure[] {
  return listStored(db, scope, date).map((x) => x.figure);
}

/** The same with the stored values as they are (分, counts, decimal text), for the comparison. */
export function listStored(db: Db, scope: Scope, date: string): { figure: OfficialFigure; stored: StoredValue }[] {
  const inScope = orgInScopeSql(scope, 'f.org_id');
  const rows = db.prepare(`${SELECT} WHERE f.data_date = @date AND ${inScope.sql} ORDER BY f.org_id, f.id`).all({ date, ...inScope.params }) as Row[];
  return rows.map((r) => ({ figure: figureOf(r), stored: r.value_dec !== null ? { int: null, dec: r.value_dec } : { int: r.value_int!, dec: null } }));
}

/** The days that hold official figures inside the scope, newest first (the view offers them). */
export function figureDates(db: Db, scope: Scope): string[] {
  const inScope = orgInScopeSql(scope, 'org_id');
  return db.prepare(`SELECT DISTINCT data_date FROM official_figure WHERE ${inScope.sql} ORDER BY data_date DESC`).pluck().all(inScope.params) as string[];
}

/** 404 unless the org is loaded and inside the scope (never says which). */
export function assertOrgInScope(db: Db, scope: Scope, orgId: string): void {
  narrowScope(db, scope, orgId, loadOrgTree(db));
}

/** One figure typed in the view (or given to the CLI), checked like a sheet row. */
export function checkEntry(db: Db, scope: Scope, e: OfficialEntry): NewFigure {
  if (!isDay(e.date)) throw new UserInputError(`数据日期应为 YYYY-MM-DD 的有效日期：${e.date}`, 'bad_date');
  const org = e.org.trim();
  assertOrgInScope(db, scope, org);
  const ind = indicatorOf(e.indicator);
  if (ind instanceof ValueError) throw new UserInputError(`指标：${ind.reason}`, 'bad_indicator');
  const value = readValue(e.value, ind.unit);
  if (value instanceof ValueError) throw new UserInputError(`数值“${e.value}”：${value.reason}`, 'bad_value');
  const source = e.source?.trim() || '手工录入';
  return { date: e.date, orgId: org, key: ind.key, value, source };
}

const UPSERT = `INSERT INTO official_figure (data_date, org_id, indicator, value_int, value_dec, source, entered_by, entered_at, batch)
  VALUES (@date, @orgId, @key, @int, @dec, @source, @by, @at, @batch)
  ON CONFLICT (data_date, org_id, indicator) DO UPDATE SET value_int = excluded.value_int, value_dec = excluded.value_dec,
    source = excluded.source, entered_by = excluded.entered_by, entered_at = excluded.entered_at, batch = excluded.batch`;

/**
 * Stores checked figures and one audit row, all or nothing. A figure already held for the same
 * date, org and indicator is replaced: the report was corrected, and the newest one counts.
 */
export async function storeFigures(
  db: Db,
  figures: NewFigure[],
  who: { username: string; action: 'reconcile_enter' | 'reconcile_import'; target: string; batch: string | null },
): Promise<number[]> {
  const at = new Date().toISOString();
  const ids: number[] = [];
  await writing(db, () => {
    const up = db.prepare(UPSERT);
    const idOf = db.prepare('SELECT id FROM official_figure WHERE data_date = ? AND org_id = ? AND indicator = ?').pluck();
    for (const f of figures) {
      up.run({ date: f.date, orgId: f.orgId, key: f.key, int: f.value.int, dec: f.value.dec, source: f.source, by: who.username, at, batch: who.batch });
      ids.push(idOf.get(f.date, f.orgId, f.key) as number);
    }
    auditInTransaction(db, {
      username: who.username,
      action: who.action,
      target: who.target,
      detail: who.batch
        ? { batch: who.batch, figures: figures.length, dates: [...new Set(figures.map((f) => f.date))] }
        : { date: figures[0].date, org: figures[0].orgId, indicator: figures[0].key, value: figures[0].value.dec ?? figures[0].value.int },
    });
  });
  return ids;
}

export async function enterFigure(db: Db, scope: Scope, e: OfficialEntry, username: string): Promise<OfficialFigure> {
  const f = checkEntry(db, scope, e);
  const [id] = await storeFigures(db, [f], { username, action: 'reconcile_enter', target: `official:${f.date}:${f.orgId}:${f.key}`, batch: null });
  return figureOf(db.prepare(`${SELECT} WHERE f.id = ?`).get(id) as Row);
}

/** Deletes one figure; 404 when there is none, or it is of an org outside the scope. */
export async function deleteFigure(db: Db, scope: Scope, id: number, username: string): Promise<void> {
  const row = db.prepare(`${SELECT} WHERE f.id = ?`).get(id) as Row | undefined;
  if (!row || !coversOrg(scope, row.org_id)) throw new NotFoundError('找不到该对账数字。 (No such official figure.)', 'no_figure');
  await writing(db, () => {
    db.prepare('DELETE FROM official_figure WHERE id = ?').run(id);
    auditInTransaction(db, {
      username,
      action: 'reconcile_delete',
      target: `official:${row.data_date}:${row.org_id}:${row.indicator}`,
      detail: { value: row.value_dec ?? row.value_int, source: row.source },
    });
  });
}

export const newBatchId = (): string => `R${new Date().toISOString().replace(/[-:.TZ]/g, '').slice(0, 14)}-${randomUUID().slice(0, 8)}`;

async function writing(db: Db, work: () => void): Promise<void> {
  try {
    await whenWritable(db, () => db.transaction(work).immediate(), 30_000);
  } catch (e) {
    if (e instanceof StillBusyError) {
      throw new HttpError(503, '数据库正忙（可能正在导入数据），请稍后重试。 (The database is busy, probably importing; try again.)', 'busy');
    }
    throw e;
  }
}
