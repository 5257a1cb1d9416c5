// What a grid is coloured by and what its detail shows, per grid, inside a data scope:
// - customers: customers on the books on the date (rules/in-service.ts) whose grid it is — their
//   网格编号, or for an empty one the grid their point lies in (assign.ts);
// - visits: 走访 in [from, to] whose 网格编号 is the grid, or, without one, whose customer's grid it is;
// - visited households: the distinct customers of the grid with a visit in [from, to] (the
//   indicators core's definition, indicators/families/visit.ts, over the same customer grid plus the
//   point-in-polygon placement), plus the distinct prospects (走访对象 of visits without a known
//   customer, 网格编号 the grid; a nameless one counts once per visit);
// - coverage: visited households ÷ 户数 (DATA.md 网格覆盖率), unrounded, null without 户数;
// - deposit/loan balance: Σ 账户余额 / 贷款余额 (integer 分) of the latest snapshot ≤ date over the
//   rows of the grid's customers inside the scope;
// - item share: the grid's customers holding the item ÷ the grid's customers (customer_holding).
import type { Db } from '../db/connection.js';
import { customerScopeSql, rowScopeSql, type Scope } from '../scope/index.js';
import { inServiceSql, latestSnapshot } from '../rules/in-service.js';
import { addDays } from '../../../shared/dates.js';
import { ASSIGNMENT_JOIN, CUSTOMER_GRID_SQL } from './assign.js';
import { visitScopeSql } from './scope-sql.js';

export interface Period {
  date: string;
  from: string;
  to: string;
}

const byGrid = (rows: { grid: string; n: number | bigint }[]) => new Map(rows.map((r) => [r.grid, r.n]));

/** Customers on the books per grid. */
export function customersPerGrid(db: Db, s: Scope, date: string): Map<string, number> {
  const cs = customerScopeSql(s, 'c');
  return byGrid(
    db
      .prepare(
        `SELECT ${CUSTOMER_GRID_SQL} AS grid, COUNT(*) AS n FROM customer c ${ASSIGNMENT_JOIN}
          WHERE ${inServiceSql.customer('c', '@date')} AND ${cs.sql} GROUP BY 1 HAVING grid IS NOT NULL`,
      )
      .all({ ...cs.params, date }) as { grid: string; n: number }[],
  ) as Map<string, number>;
}

/** Customers placed by point-in-polygon per grid (on the books, in scope). */
export function assignedPerGrid(db: Db, s: Scope, date: string): Map<string, number> {
  const cs = customerScopeSql(s, 'c');
  return byGrid(
    db
      .prepare(
        `SELECT ga.grid_id AS grid, COUNT(*) AS n FROM customer c JOIN grid_assignment ga ON ga.cust_id = c.cust_id
          WHERE ${inServiceSql.customer('c', '@date')} AND ${cs.sql} GROUP BY 1`,
      )
      .all({ ...cs.params, date }) as { grid: string; n: number }[],
  ) as Map<string, number>;
}

const VISIT_FROM = `FROM visit v LEFT JOIN customer c ON c.cust_id = v.cust_id ${ASSIGNMENT_JOIN}`;
const VISIT_GRID = `COALESCE(NULLIF(v.grid_id, ''), ${CUSTOMER_GRID_SQL})`;

/** Visits in [from, to] per grid. */
export function visitsPerGrid(db: Db, s: Scope, p: Period): Map<string, number> {
  const vs = visitScopeSql(s);
  return byGrid(
    db
      .prepare(`SELECT ${VISIT_GRID} AS grid, COUNT(*) AS n ${VISIT_FROM} WHERE v.visit_time >= @from AND v.visit_time < @end AND ${vs.sql} GROUP BY 1 HAVING grid IS NOT NULL`)
      .all({ ...vs.params, from: p.from, end: addDays(p.to, 1) }) as { grid: string; n: number }[],
  ) as Map<string, number>;
}

/** Visited households in [from, to] per grid: distinct customers of the grid, plus distinct prospects. */
export function visitedPerGrid(db: Db, s: Scope, p: Period): Map<string, number> {
  const vs = visitScopeSql(s);
  const rows = db
    .prepare(
      `SELECT grid, COUNT(DISTINCT who) AS n FROM (
         SELECT CASE WHEN c.cust_id IS NOT NULL THEN ${CUSTOMER_GRID_SQL} ELSE NULLIF(v.grid_id, '') END AS grid,
                CASE WHEN c.cust_id IS NOT NULL THEN 'c:' || c.cust_id
                     ELSE 'p:' || COALESCE(NULLIF(TRIM(v.target_name), ''), '#' || v.visit_id) END AS who
           ${VISIT_FROM}
          WHERE v.visit_time >= @from AND v.visit_time < @end AND ${vs.sql})
        WHERE grid IS NOT NULL GROUP BY grid`,
    )
    .all({ ...vs.params, from: p.from, end: addDays(p.to, 1) }) as { grid: string; n: number }[];
  return byGrid(rows) as Map<string, number>;
}

/** Σ balance (分, bigint) of the latest snapshot ≤ date per grid of the rows' customers. */
export function balancePerGrid(db: Db, s: Scope, table: 'deposit' | 'loan', date: string): Map<string, bigint> {
  const snap = latestSnapshot(db, table, date);
  if (snap === null) return new Map();
  const rs = rowScopeSql(s, 'r', 'c');
  return byGrid(
    db
      .prepare(
        `SELECT ${CUSTOMER_GRID_SQL} AS grid, SUM(r.balance) AS n FROM ${table} r JOIN customer c ON c.cust_id = r.cust_id ${ASSIGNMENT_JOIN}
          WHERE r.data_date = @snap AND ${rs.sql} GROUP BY 1 HAVING grid IS NOT NULL`,
      )
      .safeIntegers(true)
      .all({ ...rs.params, snap }) as { grid: string; n: bigint }[],
  ) as Map<string, bigint>;
}

/** Per grid, its customers with a holding row on the date and how many hold the item (bit). */
export function holdersPerGrid(db: Db, s: Scope, date: string, bit: number): Map<string, { n: number; held: number }> {
  const cs = customerScopeSql(s, 'c');
  const rows = db
    .prepare(
      `SELECT ${CUSTOMER_GRID_SQL} AS grid, COUNT(*) AS n, SUM((h.mask & @bit) <> 0) AS held
         FROM customer_holding h JOIN customer c ON c.cust_id = h.cust_id ${ASSIGNMENT_JOIN}
        WHERE h.data_date = @date AND ${cs.sql} GROUP BY 1 HAVING grid IS NOT NULL`,
    )
    .all({ ...cs.params, date, bit }) as { grid: string; n: number; held: number }[];
  return new Map(rows.map((r) => [r.grid, { n: r.n, held: r.held }]));
}

/** Per item bit of the catalog, the grid's customers (holding rows on the date) lacking it. */
export function missingInGrid(db: Db, s: Scope, date: string, gridId: string, bits: readonly number[]): { customers: number; missing: number[] } {
  const cs = customerScopeSql(s, 'c');
  const rows = db
    .prepare(
      `SELECT h.mask FROM customer_holding h JOIN customer c ON c.cust_id = h.cust_id ${ASSIGNMENT_JOIN}
        WHERE h.data_date = @date AND ${CUSTOMER_GRID_SQL} = @grid AND ${cs.sql}`,
    )
    .pluck()
    .all({ ...cs.params, date, grid: gridId }) as number[];
  const missing = bits.map(() => 0);
  for (const mask of rows) bits.forEach((b, i) => (mask & b) === 0 && missing[i]++);
  return { customers: rows.length, missing };
}
