// Whose figures a request reads: the bank, an org and the orgs below it, or the rows that name a
// staff member (DATA.md "Indicator keys"), always inside the caller's data scope (scope/).
import type { Db } from '../db/connection.js';
import { NotFoundError } from '../auth/errors.js';
import { loadOrgTree } from '../metrics/org-tree.js';
import { headOfficeOf, narrowScope, type Scope } from '../scope/index.js';

export interface Target {
  type: 'bank' | 'org' | 'staff';
  /** org id, staff id; null for the bank */
  id: string | null;
  /** the orgs whose rows count (an org's subtree, or the caller's scope for a staff member); null = every row of the bank, including rows of orgs not loaded */
  orgIds: readonly string[] | null;
  /** only the rows naming this staff member (per dataset: 归属/经办/管户/拓展/营销客户经理, 营销人员, 走访人员) */
  staffId: string | null;
  /** a display name: the org's or the staff member's, or 全行 */
  name: string;
}

/** 404 that does not say whether the staff member exists outside the scope. */
export class StaffNotInScopeError extends NotFoundError {
  constructor(staffId: string) {
    super(`员工 ${staffId} 不存在。 (No such staff member.)`, 'no_staff');
  }
}

/**
 * The target of a request inside the caller's scope: `org` narrows it (404 outside), `staff`
 * picks a staff member whose org lies inside the caller's scope (404 otherwise), counting their
 * rows inside the narrowed orgs. A scope limited to one
 * 客户经理's customers reads that staff member's figures whatever was asked.
 */
export function resolveTarget(db: Db, scope: Scope, q: { org?: string; staff?: string } = {}): Target {
  const tree = loadOrgTree(db);
  const within = narrowScope(db, scope, q.org, tree);
  const staffId = within.managerId ?? (q.staff && q.staff !== '' ? q.staff : null);
  if (staffId !== null) {
    const s = db.prepare('SELECT name, org_id FROM staff WHERE staff_id = ?').get(staffId) as { name: string; org_id: string } | undefined;
    // a 客户经理 limited to their own rows is that staff member wherever they sit: their rows are
    // still only those of the orgs in scope. Anyone else may pick a staff member of their own scope
    // (not only of the org they narrowed to: a 支行 客户经理 serves customers of its 分理处, and the
    // 分理处's figures split by staff name them); the rows stay those of the narrowed orgs.
    const inScope = within.managerId !== null || scope.orgIds === null ? true : s !== undefined && scope.orgIds.includes(s.org_id);
    if (!inScope) throw new StaffNotInScopeError(staffId);
    return { type: 'staff', id: staffId, orgIds: within.orgIds, staffId, name: s?.name ?? staffId };
  }
  if (within.orgIds === null) {
    const head = headOfficeOf(tree);
    return { type: 'bank', id: null, orgIds: null, staffId: null, name: head ? tree.byId.get(head)!.name : '全行' };
  }
  const root = within.rootOrg!;
  return { type: 'org', id: root, orgIds: within.orgIds, staffId: null, name: tree.byId.get(root)?.name ?? root };
}
