// 18-item coverage per 支行 (with its 分理处) or per 客户经理: the share of the customers holding
// each item, from the date's holding masks in one GROUP BY; the per-org sums are folded into
// their 支行 here, in integers.
import type { CoverageCell, CoverageTable } from '../../../shared/crm.js';
import type { Db } from '../db/connection.js';
import { loadOrgTree } from '../metrics/org-tree.js';
import { coversOrg, customerScopeSql, narrowScope, OrgNotInScopeError, subtree, type Scope } from '../scope/index.js';
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

/**
 * Coverage of the customers inside the scope (and, with `orgId`, inside that org's subtree, which
 * must lie in the scope: a 404 otherwise). By branch, each org folds into its 支行, or into the
 * scope's root when that lies below the 支行 (a 分理处 user sees their 分理处, not a 支行 row
 * holding only part of its customers).
 */
export function coverageTable(db: Db, scope: Scope, opts: CoverageOptions): CoverageTable {
  const tree = loadOrgTree(db);
  if (opts.orgId !== undefined && !coversOrg(scope, opts.orgId)) throw new OrgNotInScopeError(opts.orgId);
  // the org filter narrows the scope: one filter, the scope's, whatever asked for it
  const within = opts.orgId === undefined ? scope : narrowScopeOrEmpty(db, scope, opts.orgId, tree);
  const date = ensureHoldings(db, opts.date);
  const items = getCatalog(db).map(({ id, name, group }) => ({ id, name, group }));
  const groupCol = opts.by === 'branch' ? 'c.org_id' : 'c.manager_id';
  const inScope = customerScopeSql(within, 'c');
  const rows = db
    .prepare(
      `SELECT ${groupCol} AS key, count(*) AS customers, ${bitSums()}
       FROM customer_holding h JOIN customer c ON c.cust_id = h.cust_id
       WHERE h.data_date = @date AND ${inScope.sql}
       GROUP BY ${groupCol}`,
    )
    .all({ date, ...inScope.params }) as GroupRow[];

  // fold into the reported groups: an org's 支行 (itself when it is one) or the scope's root when
  // that comes first on the way up, or the manager
  const branchOf = (orgId: string | null): string | null => {
    if (orgId === null) return null;
    return tree.ancestors(orgId).find((id) => id === within.rootOrg || tree.byId.get(id)?.level === '支行') ?? null;
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

/** The scope narrowed to an org of it; an org id that is not loaded (a whole-bank filter naming
 *  nothing) narrows to that id alone, which holds no customers, as the filter did before scopes. */
function narrowScopeOrEmpty(db: Db, scope: Scope, orgId: string, tree: ReturnType<typeof loadOrgTree>): Scope {
  if (tree.byId.has(orgId) || scope.orgIds !== null) return narrowScope(db, scope, orgId, tree);
  return { orgIds: subtree(tree, orgId), rootOrg: orgId, managerId: scope.managerId };
}
