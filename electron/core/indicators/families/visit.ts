// 走访 of the month up to the date, per org × 走访人员 (a visit's org: scope/row-org.ts visitOrgSql):
// visits, visits on the day, distinct customers visited; and per grid (its org × 网格责任人) its 户数
// and the households visited in the month: distinct customers of the grid (客户 网格编号) with a visit.
// 网格覆盖率 = visited households ÷ 户数 (DATA.md), over the grids of the target.
import type { Db } from '../../db/connection.js';
import { visitOrgSql } from '../../scope/index.js';
import { addDays, monthStart } from '../../../../shared/dates.js';
import { CellBag } from '../cells.js';

export function visitCells(db: Db, date: string): CellBag {
  const bag = new CellBag();
  const range = { from: monthStart(date), to: addDays(date, 1), day: date };
  const visits = db
    .prepare(
      `SELECT ${visitOrgSql('v')} AS org, v.staff_id AS staff, v.cust_id AS cust, v.visit_time >= @day AS today
         FROM visit v WHERE v.visit_time >= @from AND v.visit_time < @to`,
    )
    .iterate(range) as Iterable<{ org: string | null; staff: string | null; cust: string | null; today: number }>;
  for (const v of visits) {
    bag.add(v.org, v.staff, 'visits', 1);
    if (v.today) bag.add(v.org, v.staff, 'visits_day', 1);
    if (v.cust !== null && v.cust !== '') bag.distinct(v.org, v.staff, 'visit_cust', v.cust);
  }
  const visited = new Map(
    (
      db
        .prepare(
          `SELECT c.grid_id AS grid, COUNT(DISTINCT c.cust_id) AS n
             FROM visit v JOIN customer c ON c.cust_id = v.cust_id
            WHERE v.visit_time >= @from AND v.visit_time < @to AND c.grid_id IS NOT NULL
            GROUP BY c.grid_id`,
        )
        .all(range) as { grid: string; n: number }[]
    ).map((r) => [r.grid, r.n]),
  );
  const grids = db.prepare('SELECT grid_id, org_id AS org, owner_staff_id AS staff, COALESCE(households, 0) AS hh FROM grid').iterate() as Iterable<{
    grid_id: string;
    org: string | null;
    staff: string | null;
    hh: number;
  }>;
  for (const g of grids) {
    bag.add(g.org, g.staff, 'grid_hh', g.hh);
    bag.add(g.org, g.staff, 'grid_visited', visited.get(g.grid_id) ?? 0);
  }
  return bag;
}
