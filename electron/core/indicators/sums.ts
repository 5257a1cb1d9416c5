// Summing materialised cells for a target, whole or split into groups (child orgs, staff), with
// each customer of a distinct measure counted once per group (ind_overlap).
import type { Db } from '../db/connection.js';
import type { FamilyId } from './families/index.js';
import type { Target } from './target.js';

export type Measures = Map<string, bigint>;
/** The group(s) a cell falls in (null: not counted), from its org and staff; several for a
 *  roll-up where a cell counts in its org and every org above it. */
export type GroupOf = (org: string, staff: string) => string | readonly string[] | null;

const NONE: readonly string[] = [];
function groupsOf(groupOf: GroupOf, org: string, staff: string): readonly string[] {
  const g = groupOf(org, staff);
  return g === null ? NONE : typeof g === 'string' ? [g] : g;
}

/**
 * What the groups depend on, so SQLite adds up the cells before they reach JavaScript: 'all'
 * (one group: the cells arrive summed per measure), 'org' (groups by org), 'staff' (by staff).
 * groupOf then sees '' for the column the sum dropped.
 */
export type GroupBy = 'all' | 'org' | 'staff';

const COLS: Record<GroupBy, { select: string; group: string }> = {
  all: { select: "'' AS org_id, '' AS staff_id", group: '' },
  org: { select: "org_id, '' AS staff_id", group: 'org_id, ' },
  staff: { select: "'' AS org_id, staff_id", group: 'staff_id, ' },
};

/** The cells (ind_cell, ind_overlap, ind_migration: org_id and staff_id columns) a target takes. */
export function cellFilterSql(t: Target): { sql: string; params: Record<string, unknown> } {
  const parts: string[] = [];
  const params: Record<string, unknown> = {};
  if (t.orgIds !== null) {
    parts.push('org_id IN (SELECT value FROM json_each(@orgs))');
    params.orgs = JSON.stringify(t.orgIds);
  }
  if (t.staffId !== null) {
    parts.push('staff_id = @staff');
    params.staff = t.staffId;
  }
  return { sql: parts.length ? parts.join(' AND ') : '1', params };
}

/** Σ of every measure of the family at `date` (already built) per group of the target's cells. */
export function sumCells(db: Db, date: string, family: FamilyId, t: Target, groupOf: GroupOf, by: GroupBy): Map<string, Measures> {
  const f = cellFilterSql(t);
  const out = new Map<string, Measures>();
  const c = COLS[by];
  // `+measure`: grouped by the bare column, SQLite walks ind_cell_measure (family, measure, date)
  // in order over every date of the family to skip a sort, rather than seek the date's cells
  const cells = db
    .prepare(`SELECT ${c.select}, measure, SUM(value) FROM ind_cell WHERE data_date = @date AND family = @family AND ${f.sql} GROUP BY ${c.group}+measure`)
    .raw(true)
    .safeIntegers(true)
    .iterate({ ...f.params, date, family }) as Iterable<[string, string, string, bigint]>;
  for (const [org, staff, measure, value] of cells) {
    for (const g of groupsOf(groupOf, org, staff)) {
      let m = out.get(g);
      if (!m) out.set(g, (m = new Map()));
      m.set(measure, (m.get(measure) ?? 0n) + value);
    }
  }
  // a customer counted in n cells of one group counts once there. Not few: a customer with 电子银行
  // signings under several managers has a cell under each (42,588 rows a day on the medium demo
  // bank, 18,196 once added up per org in SQL). In key order each customer's rows come together,
  // so the counts live only while that customer's rows go by.
  const orgCol = by === 'staff' ? "''" : 'org_id';
  const staffCol = by === 'org' ? "''" : 'staff_id';
  const overlaps = db
    .prepare(
      `SELECT measure, cust_id, ${orgCol}, ${staffCol}, COUNT(*) FROM ind_overlap
        WHERE data_date = @date AND family = @family AND ${f.sql}
        GROUP BY measure, cust_id${by === 'all' ? '' : by === 'org' ? ', org_id' : ', staff_id'} ORDER BY measure, cust_id`,
    )
    .raw(true)
    .iterate({ ...f.params, date, family }) as Iterable<[string, string, string, string, number]>;
  const counts = new Map<string, number>();
  let measure = '';
  let cust: string | null = null;
  const settle = () => {
    for (const [g, n] of counts) {
      if (n < 2) continue;
      const m = out.get(g)!;
      m.set(measure, m.get(measure)! - BigInt(n - 1));
    }
    counts.clear();
  };
  for (const [ms, c, org, staff, n] of overlaps) {
    if (c !== cust || ms !== measure) {
      settle();
      measure = ms;
      cust = c;
    }
    for (const g of groupsOf(groupOf, org, staff)) counts.set(g, (counts.get(g) ?? 0) + n);
  }
  settle();
  return out;
}

/** Σ of one measure per snapshot date in [from, to] per group (the daily totals behind the averages). */
export function sumMeasureByDate(db: Db, family: FamilyId, measure: string, from: string, to: string, t: Target, groupOf: GroupOf, by: GroupBy): Map<string, Map<string, bigint>> {
  const f = cellFilterSql(t);
  const out = new Map<string, Map<string, bigint>>();
  const c = COLS[by];
  const rows = db
    .prepare(
      `SELECT data_date, ${c.select}, SUM(value) FROM ind_cell
        WHERE family = @family AND measure = @measure AND data_date >= @from AND data_date <= @to AND ${f.sql}
        GROUP BY ${c.group}data_date`,
    )
    .raw(true)
    .safeIntegers(true)
    .iterate({ ...f.params, family, measure, from, to }) as Iterable<[string, string, string, bigint]>;
  for (const [date, org, staff, value] of rows) {
    for (const g of groupsOf(groupOf, org, staff)) {
      let m = out.get(g);
      if (!m) out.set(g, (m = new Map()));
      m.set(date, (m.get(date) ?? 0n) + value);
    }
  }
  return out;
}
