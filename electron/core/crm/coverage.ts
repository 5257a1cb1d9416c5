// 18-item coverage per 支行 (with its 分理处) or per 客户经理: the share of the customers holding
// each item, read from the customer family's materialised cells (indicators/families/customer.ts:
// customers and holders per item per org × 管户客户经理, from the same holding masks the customer
// screens use), so it costs the same at every bank size. The per-org sums are folded into their 支行
// here, in integers. Every customer in the scope is in exactly one row, or counted as unmanaged.
import type { CoverageCell, CoverageTable } from '../../../shared/crm.js';
import type { Db } from '../db/connection.js';
import { ensureFamily } from '../indicators/store.js';
import { sumCells, type Measures } from '../indicators/sums.js';
import { loadOrgTree, type OrgTree } from '../metrics/org-tree.js';
import { ratio } from '../metrics/ratio.js';
import { coversOrg, narrowScope, OrgNotInScopeError, subtree, type Scope } from '../scope/index.js';
import { getCatalog } from './catalog.js';
import { resolveDate } from './holdings.js';

export interface CoverageOptions {
  date?: string;
  by: 'branch' | 'manager';
  /** only the customers of this org and the orgs below it */
  orgId?: string;
}

type Placement = CoverageCell['placement'];

/**
 * Coverage of the customers inside the scope (and, with `orgId`, inside that org's subtree, which
 * must lie in the scope: a 404 otherwise), on the books on the date (rules/in-service.ts, as the
 * figures count customers). A customer belongs to their own org (scope/row-org.ts: a customer's
 * 所属机构号). By branch, each org folds into its 支行, or into the scope's root when that lies below
 * the 支行 (a 分理处 user sees their 分理处, not a 支行 row holding only part of its customers); an
 * org with no 支行 above it (the 总行 itself, an org the org file does not hold) is its own row and
 * says so (`placement`). By manager, customers with no 管户客户经理 are counted in
 * `unmanagedCustomers`.
 */
export function coverageTable(db: Db, scope: Scope, opts: CoverageOptions): CoverageTable {
  const tree = loadOrgTree(db);
  if (opts.orgId !== undefined && !coversOrg(scope, opts.orgId)) throw new OrgNotInScopeError(opts.orgId);
  // the org filter narrows the scope: one filter, the scope's, whatever asked for it
  const within = opts.orgId === undefined ? scope : narrowScopeOrEmpty(db, scope, opts.orgId, tree);
  const date = resolveDate(db, opts.date);
  ensureFamily(db, date, 'customer');
  const items = getCatalog(db).map(({ id, name, group }) => ({ id, name, group }));
  // the customer cells' staff is the 管户客户经理, so a scope of one manager's customers is their cells
  const cellsOf = { type: 'org' as const, id: null, orgIds: within.orgIds, staffId: within.managerId, name: '' };
  const byBranch = opts.by === 'branch';
  const groups = sumCells(db, date, 'customer', cellsOf, byBranch ? (org) => org : (_org, staff) => staff, byBranch ? 'org' : 'staff');

  const place = byBranch ? branchPlacer(tree, within.rootOrg) : managerPlacer(db, tree);
  const sums = new Map<string, { customers: bigint; held: Measures; cell: Omit<CoverageCell, 'customers' | 'shares'> }>();
  let unmanaged = 0n;
  for (const [key, m] of groups) {
    const customers = m.get('cust') ?? 0n;
    if (customers === 0n) continue;
    if (key === '') {
      unmanaged += customers; // by manager only: a customer's org is never empty (NOT NULL)
      continue;
    }
    const cell = place(key);
    const acc = sums.get(cell.key) ?? { customers: 0n, held: new Map<string, bigint>(), cell };
    acc.customers += customers;
    for (const it of items) acc.held.set(`item:${it.id}`, (acc.held.get(`item:${it.id}`) ?? 0n) + (m.get(`item:${it.id}`) ?? 0n));
    sums.set(cell.key, acc);
  }

  const cells: CoverageCell[] = [...sums.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, s]) => ({
      ...s.cell,
      customers: Number(s.customers),
      // a row exists only for customers counted, so the denominator is never 0
      shares: Object.fromEntries(items.map((it) => [it.id, ratio(Number(s.held.get(`item:${it.id}`) ?? 0n), Number(s.customers)) ?? 0])),
    }));
  return { date, by: opts.by, rows: cells, items, unmanagedCustomers: Number(unmanaged) };
}

type Placer = (key: string) => Omit<CoverageCell, 'customers' | 'shares'>;

/** An org's row: its 支行 (itself when it is one) or the scope's root when that comes first on the
 *  way up; else the org itself, marked as having no 支行 above it (or as not loaded). */
function branchPlacer(tree: OrgTree, root: string | null): Placer {
  return (orgId) => {
    if (!tree.byId.has(orgId)) return { key: orgId, name: orgId, placement: 'unknown_org' as Placement };
    const branch = tree.ancestors(orgId).find((id) => id === root || tree.byId.get(id)?.level === '支行');
    const key = branch ?? orgId;
    return { key, name: tree.byId.get(key)!.name, placement: (branch === undefined ? 'own_org' : 'branch') as Placement };
  };
}

/** A manager's row, with the org they sit in: a 员工号 alone does not tell two 王经理 apart for a reader. */
function managerPlacer(db: Db, tree: OrgTree): Placer {
  const stmt = db.prepare('SELECT name, org_id FROM staff WHERE staff_id = ?');
  return (staffId) => {
    const s = stmt.get(staffId) as { name: string; org_id: string | null } | undefined;
    if (!s) return { key: staffId, name: staffId, placement: 'unknown_manager' as Placement, orgId: null, orgName: null };
    const orgId = s.org_id === '' ? null : s.org_id;
    return { key: staffId, name: s.name, placement: 'manager' as Placement, orgId, orgName: orgId === null ? null : (tree.byId.get(orgId)?.name ?? null) };
  };
}

/** The scope narrowed to an org of it; an org id that is not loaded (a whole-bank filter naming
 *  nothing) narrows to that id alone, which holds no customers, as the filter did before scopes. */
function narrowScopeOrEmpty(db: Db, scope: Scope, orgId: string, tree: OrgTree): Scope {
  if (tree.byId.has(orgId) || scope.orgIds !== null) return narrowScope(db, scope, orgId, tree);
  return { orgIds: subtree(tree, orgId), rootOrg: orgId, managerId: scope.managerId };
}
