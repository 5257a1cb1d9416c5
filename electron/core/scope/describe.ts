// A scope described for the top bar and the scope picker (GET /api/scope).
import type { ScopeInfo, ScopeOrg } from '../../../shared/scope.js';
import type { Db } from '../db/connection.js';
import { loadOrgTree, type OrgRow, type OrgTree } from '../metrics/org-tree.js';
import { narrowScope, scopeOfUser, type Scope } from './scope.js';

const orgOf = (tree: OrgTree, id: string | null): ScopeOrg | null => {
  if (id === null) return null;
  const o = tree.byId.get(id);
  // an org the user is assigned to but that is not loaded yet is still named, by its number
  return o ? toScopeOrg(o) : { id, name: id, level: null, parentId: null };
};

const toScopeOrg = (o: OrgRow): ScopeOrg => ({ id: o.org_id, name: o.name, level: o.level, parentId: o.parent_id });

/** The user's scope narrowed to `org` (a 404 error when outside it), described. */
export function describeScope(db: Db, username: string, org?: string): ScopeInfo {
  const tree = loadOrgTree(db);
  const base = scopeOfUser(db, username, tree);
  const now: Scope = narrowScope(db, base, org, tree);
  const pickable = base.orgIds === null ? tree.orgs : tree.orgs.filter((o) => base.orgIds!.includes(o.org_id));
  const managerName =
    now.managerId === null ? null : ((db.prepare('SELECT name FROM staff WHERE staff_id = ?').pluck().get(now.managerId) as string | undefined) ?? null);
  return {
    wholeBank: now.orgIds === null,
    org: orgOf(tree, now.rootOrg),
    manager: now.managerId === null ? null : { staffId: now.managerId, name: managerName },
    base: { wholeBank: base.orgIds === null, org: orgOf(tree, base.rootOrg) },
    orgs: pickable.length > 1 ? pickable.map(toScopeOrg) : [],
    emptyReason: now.emptyReason ?? null,
  };
}

/** The scope in words, for export files and the audit log: 「数据范围：鲤城支行（QZ100）及下属机构」. */
export function scopeText(db: Db, scope: Scope): string {
  const parts: string[] = [];
  if (scope.orgIds === null) parts.push('全行');
  else if (scope.rootOrg === null) parts.push('无');
  else {
    const name = db.prepare('SELECT name FROM org WHERE org_id = ?').pluck().get(scope.rootOrg) as string | undefined;
    parts.push(`${name ? `${name}（${scope.rootOrg}）` : scope.rootOrg}及下属机构`);
  }
  if (scope.managerId !== null) parts.push(`客户经理 ${scope.managerId} 管户的客户`);
  return `数据范围：${parts.join('，')}`;
}
