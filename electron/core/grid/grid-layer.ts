// GET /api/map/grids (GridLayer) and GET /api/map/grids/:id (GridDetail): the grids of the scope
// with one measure each, converted to the base layer's system; one grid's facts with its customer list.
import type { GridDetail, GridLayer, GridMeasure } from '../../../shared/grid.js';
import { fenToYuan } from '../../../shared/money.js';
import { itemLabel } from '../../../shared/enum-labels.js';
import { monthStart } from '../../../shared/dates.js';
import type { Db } from '../db/connection.js';
import { NotFoundError } from '../auth/errors.js';
import { UserInputError } from '../errors.js';
import { getCatalog } from '../crm/catalog.js';
import { ensureHoldings, resolveDate } from '../crm/holdings.js';
import { bitOf } from '../crm/holdings-rules.js';
import { ratio } from '../metrics/ratio.js';
import type { Scope } from '../scope/index.js';
import { ensureGridAssignment } from './assign.js';
import { baseSystem } from './base.js';
import { convertCoords } from './coords.js';
import { assignedPerGrid, balancePerGrid, customersPerGrid, holdersPerGrid, missingInGrid, visitedPerGrid, visitsPerGrid, type Period } from './measures.js';
import { exportsSystem } from './settings.js';
import { gridScopeSql, gridStaffSql, mapStaff } from './scope-sql.js';

export interface GridQuery {
  date?: string;
  from?: string;
  to?: string;
  measure?: GridMeasure;
  item?: string;
  /** the console's staff context: only the grids they are 网格责任人 of */
  staff?: string;
}

/** The date (default: the latest data date) and the visit period (default: the month of the date up to it). */
export function periodOf(db: Db, q: { date?: string; from?: string; to?: string }): Period {
  const date = resolveDate(db, q.date);
  const from = q.from ?? monthStart(date);
  const to = q.to ?? date;
  if (from > to) throw new UserInputError(`起始日期 ${from} 晚于截止日期 ${to}。 (from is after to.)`, 'bad_period');
  return { date, from, to };
}

interface GridRow {
  grid_id: string;
  name: string;
  grid_type: string | null;
  org_id: string | null;
  owner_staff_id: string | null;
  households: number | null;
  geometry: string;
}

function gridsInScope(db: Db, s: Scope, gridId?: string, staff: string | null = null): GridRow[] {
  const gs = gridScopeSql(s, 'g');
  const mine = gridStaffSql(staff, 'g');
  const one = gridId === undefined ? '' : ' AND g.grid_id = @grid';
  return db
    .prepare(
      `SELECT g.grid_id, g.name, g.grid_type, g.org_id, g.owner_staff_id, g.households, g.geometry FROM grid g
        WHERE ${gs.sql} AND ${mine.sql}${one} ORDER BY g.grid_id`,
    )
    .all({ ...gs.params, ...mine.params, ...(gridId === undefined ? {} : { grid: gridId }) }) as GridRow[];
}

/** The catalog item of `item` (its id, 1–18) and its bit; a 400 for anything else. */
function itemOf(db: Db, item: string | undefined) {
  const found = getCatalog(db).find((i) => String(i.id) === item);
  if (!found) throw new UserInputError(`产品 ${item ?? '（未指定）'} 不在 18 项基础业务中。 (item must be an id of the 18 items.)`, 'bad_item');
  return found;
}

export function gridLayer(db: Db, s: Scope, q: GridQuery): GridLayer {
  const measure = q.measure ?? 'visits';
  const item = measure === 'item_share' ? itemOf(db, q.item) : null;
  const p = periodOf(db, q);
  const staff = mapStaff(db, s, q.staff);
  ensureGridAssignment(db);
  const grids = gridsInScope(db, s, undefined, staff);
  let value: (g: GridRow) => number | null;
  if (measure === 'visits') {
    const m = visitsPerGrid(db, s, p);
    value = (g) => m.get(g.grid_id) ?? 0;
  } else if (measure === 'coverage') {
    const m = visitedPerGrid(db, s, p);
    value = (g) => (g.households ? ratio(m.get(g.grid_id) ?? 0, g.households) : null);
  } else if (measure === 'customers') {
    const m = customersPerGrid(db, s, p.date);
    value = (g) => m.get(g.grid_id) ?? 0;
  } else if (measure === 'deposit_balance' || measure === 'loan_balance') {
    const m = balancePerGrid(db, s, measure === 'deposit_balance' ? 'deposit' : 'loan', p.date);
    value = (g) => fenToYuan(m.get(g.grid_id) ?? 0n);
  } else {
    const date = ensureHoldings(db, p.date);
    const m = holdersPerGrid(db, s, date, bitOf(item!.id));
    value = (g) => {
      const h = m.get(g.grid_id);
      return h ? ratio(h.held, h.n) : null;
    };
  }
  const from = exportsSystem(db);
  const to = baseSystem(db);
  return {
    system: to,
    measure,
    item: item ? String(item.id) : null,
    from: p.from,
    to: p.to,
    grids: grids.flatMap((g) => {
      const geom = JSON.parse(g.geometry) as { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown };
      if (!Array.isArray(geom.coordinates) || geom.coordinates.length === 0) return []; // an empty polygon (an import warning) draws nothing
      return [
        {
          grid_id: g.grid_id,
          name: g.name,
          grid_type: g.grid_type,
          org_id: g.org_id,
          owner_staff_id: g.owner_staff_id,
          households: g.households,
          value: value(g),
          geometry: { type: geom.type, coordinates: convertCoords(geom.coordinates, from, to) },
        },
      ];
    }),
  };
}

/** The renderer's gap list (hash route) filtered to the grid, on the date. */
export function customerListUrl(gridId: string, date: string): string {
  return `#/gaps?${new URLSearchParams({ gridId, date }).toString()}`;
}

export function gridDetail(db: Db, s: Scope, gridId: string, q: { date?: string; from?: string; to?: string }): GridDetail {
  const g = gridsInScope(db, s, gridId)[0];
  if (!g) throw new NotFoundError(`网格 ${gridId} 不存在。 (No such grid.)`, 'no_grid');
  const p = periodOf(db, q);
  ensureGridAssignment(db);
  const date = ensureHoldings(db, p.date);
  const items = getCatalog(db);
  const gaps = missingInGrid(db, s, date, gridId, items.map((i) => bitOf(i.id)));
  const org = g.org_id ? (db.prepare('SELECT name FROM org WHERE org_id = ?').pluck().get(g.org_id) as string | undefined) : undefined;
  const owner = g.owner_staff_id ? (db.prepare('SELECT staff_id, name FROM staff WHERE staff_id = ?').get(g.owner_staff_id) as { staff_id: string; name: string } | undefined) : undefined;
  const visited = visitedPerGrid(db, s, p).get(gridId) ?? 0;
  return {
    grid_id: g.grid_id,
    name: g.name,
    grid_type: g.grid_type,
    org_id: g.org_id,
    org_name: org ?? null,
    owner: owner ? { staff_id: owner.staff_id, name: owner.name } : g.owner_staff_id ? { staff_id: g.owner_staff_id, name: g.owner_staff_id } : null,
    households: g.households,
    customers: customersPerGrid(db, s, p.date).get(gridId) ?? 0,
    customers_assigned: assignedPerGrid(db, s, p.date).get(gridId) ?? 0,
    visits: visitsPerGrid(db, s, p).get(gridId) ?? 0,
    visited_households: visited,
    coverage: g.households ? ratio(visited, g.households) : null,
    gaps: items
      .map((it, i) => ({ item: String(it.id), zh: it.name, en: itemLabel(it, 'en'), missing: gaps.missing[i] }))
      .filter((x) => x.missing > 0)
      .sort((a, b) => b.missing - a.missing || Number(a.item) - Number(b.item)),
    customer_list: customerListUrl(gridId, date),
  };
}
