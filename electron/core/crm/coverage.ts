// 18-item coverage per 支行 (with its 分理处) or per 客户经理: the share of the customers holding
// each item, from the date's holding masks in one GROUP BY; the per-org sums are folded into
// their 支行 here, in integers.
import type { CoverageCell, CoverageTable } from '../../../shared/crm.js';
import type { Db } from '../db/connection.js';
import { loadOrgTree } from '../metrics/org-tree.js';
import { getCatalog } from './catalog.js';
import { ensureHoldings } from './holdings.js';

export interface CoverageOptions {
  date?: string;
  by: 'branch' | 'manager';
  /** only the customers of this org and the orgs below it */
  orgId?: string;
}

const ITEM_BITS = 31;

/** SUM of each item bit, as columns b1..b31 (the catalog uses at most 18 of them). */
function bitSums(): string {
  return Array.from({ length: ITEM_BITS }, (_, i) => `SUM((h.mask >> ${i}) & 1) AS b${i + 1}`).join(', ');
}

type GroupRow = { key: string | null; customers: number } & Record<string, number>;

/** n/d to 4 decimals, half up, decided in integers (n/d·10⁴ in floating point can land on x.4999…). */
const round4 = (n: number, d: number) => (d === 0 ? 0 : Math.floor((n * 20_000 + d) / (2 * d)) / 10_000);

export function coverageTable(db: Db, opts: CoverageOptions): CoverageTable {
  const date = ensureHoldings(db, opts.date);
  const items = getCatalog(db).map(({ id, name, group }) => ({ id, name, group }));
  const groupCol = opts.by === 'branch' ? 'c.org_id' : 'c.manager_id';
  const scope = opts.orgId === undefined ? '' : 'AND c.org_id IN (SELECT id FROM sub)';
  const cte = opts.orgId === undefined ? '' : 'WITH RECURSIVE sub(id) AS (SELECT @org UNION SELECT o.org_id FROM org o JOIN sub ON o.parent_id = sub.id) ';
  const rows = db
    .prepare(
      `${cte}SELECT ${groupCol} AS key, count(*) AS customers, ${bitSums()}
       FROM customer_holding h JOIN customer c ON c.cust_id = h.cust_id
       WHERE h.data_date = @date ${scope}
       GROUP BY ${groupCol}`,
    )
    .all({ date, ...(opts.orgId === undefined ? {} : { org: opts.orgId }) }) as GroupRow[];

  // fold into the reported groups: an org's 支行 (itself when it is one), or the manager
  const tree = loadOrgTree(db);
  const branchOf = (orgId: string | null): string | null => {
    if (orgId === null) return null;
    return tree.ancestors(orgId).find((id) => tree.byId.get(id)?.level === '支行') ?? null;
  };
  const sums = new Map<string, { customers: number; bits: number[] }>();
  for (const r of rows) {
    const key = opts.by === 'branch' ? branchOf(r.key) : r.key;
    if (key === null) continue; // customers of no 支行 (总行 itself, unknown orgs) or with no manager
    const acc = sums.get(key) ?? { customers: 0, bits: new Array<number>(ITEM_BITS + 1).fill(0) };
    acc.customers += r.customers;
    for (let b = 1; b <= ITEM_BITS; b++) acc.bits[b] += r[`b${b}`] ?? 0;
    sums.set(key, acc);
  }

  const names =
    opts.by === 'branch'
      ? (k: string) => tree.byId.get(k)?.name ?? k
      : (() => {
          const stmt = db.prepare('SELECT name FROM staff WHERE staff_id = ?').pluck();
          return (k: string) => (stmt.get(k) as string | undefined) ?? k;
        })();
  const cells: CoverageCell[] = [...sums.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, s]) => ({
      key,
      name: names(key),
      customers: s.customers,
      shares: Object.fromEntries(items.map((it) => [it.id, round4(s.bits[it.id], s.customers)])),
    }));
  return { date, by: opts.by, rows: cells, items };
}
