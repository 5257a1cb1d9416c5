// Data scope (数据权限): which rows a caller may see, decided once, here. A user belongs to an org
// and sees the rows of that org and every org below it (org.parent_id); the administrator and
// every user of the head office see the whole bank; a 客户经理 may be limited to the customers
// they manage (管户客户经理号), by a setting (settings.ts). Which org a row belongs to is the rule
// of row-org.ts.
//
// Every core query that reads customer-linked rows takes a Scope and filters through the helpers
// below; routes only obtain the caller's scope (api/scope-param.ts) and pass it on. Something
// outside the scope is answered as if it did not exist (404), never 403.
import type { Db } from '../db/connection.js';
import { NotFoundError } from '../auth/errors.js';
import { loadOrgTree, type OrgTree } from '../metrics/org-tree.js';
import { rowOrgOf, rowOrgSql } from './row-org.js';
import { accountManagerOwnCustomers, userStaffId } from './settings.js';

export interface Scope {
  /** null: every org, including rows whose org is not loaded (whole bank); else the orgs seen */
  readonly orgIds: readonly string[] | null;
  /** the org the scope is rooted at (the user's, or the one it was narrowed to); null for the whole bank */
  readonly rootOrg: string | null;
  /** only the customers whose 管户客户经理号 is this staff number (a 客户经理 limited by setting) */
  readonly managerId: string | null;
  /** why the scope is empty, when it is (no org assigned, …), for the top bar */
  readonly emptyReason?: string;
}

/** A fragment of SQL and the named parameters it uses (all prefixed scope_, so they mix with the caller's). */
export interface SqlPart {
  sql: string;
  params: Record<string, unknown>;
}

const WHOLE_BANK: Scope = Object.freeze({ orgIds: null, rootOrg: null, managerId: null });

/** The whole bank: every row (the CLI without --org, imports, warm-up builds). */
export function wholeBankScope(): Scope {
  return WHOLE_BANK;
}

export function isWholeBank(s: Scope): boolean {
  return s.orgIds === null && s.managerId === null;
}

/** True when the scope sees every org (its rows may still be limited to one manager's customers). */
export function seesAllOrgs(s: Scope): boolean {
  return s.orgIds === null;
}

function emptyScope(reason: string): Scope {
  return Object.freeze({ orgIds: Object.freeze([]), rootOrg: null, managerId: null, emptyReason: reason });
}

/** The org and every org below it, parents first; an org not loaded is its own subtree. */
export function subtree(tree: OrgTree, orgId: string): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const stack = [orgId];
  while (stack.length) {
    const id = stack.pop()!;
    if (seen.has(id)) continue; // a cycle in imported parent_id ends here
    seen.add(id);
    out.push(id);
    const kids = tree.children(id);
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i].org_id);
  }
  return out;
}

/**
 * The head office: the root labelled 总行, else the only root. With several unlabelled roots
 * there is none, and no org's users see the whole bank by their org alone.
 */
export function headOfficeOf(tree: OrgTree): string | null {
  const labelled = tree.roots.find((r) => r.level === '总行');
  if (labelled) return labelled.org_id;
  return tree.roots.length === 1 ? tree.roots[0].org_id : null;
}

function orgScope(tree: OrgTree, orgId: string, managerId: string | null): Scope {
  return Object.freeze({ orgIds: Object.freeze(subtree(tree, orgId)), rootOrg: orgId, managerId });
}

interface UserRow {
  role: string;
  org_id: string | null;
  disabled: number;
}

/**
 * The scope of a user as stored now (not as their session remembers it, so a changed org applies
 * at once). Admin: the whole bank. A user of the head office: the whole bank. Anyone else: their
 * org's subtree, or nothing when they have no org. A 客户经理 (role account_manager) is further
 * limited to their own customers while the setting says so.
 */
export function scopeOfUser(db: Db, username: string, tree: OrgTree = loadOrgTree(db)): Scope {
  const u = db.prepare('SELECT role, org_id, disabled FROM app_user WHERE username = ?').get(username) as UserRow | undefined;
  if (!u || u.disabled) return emptyScope('用户不存在或已停用 (no such active user)');
  let managerId: string | null = null;
  if (u.role === 'account_manager' && accountManagerOwnCustomers(db)) {
    managerId = userStaffId(db, username);
    if (managerId === null) return emptyScope('客户经理账号未关联员工号，看不到任何客户 (no staff number linked)');
  }
  if (u.role === 'admin') return WHOLE_BANK;
  if (u.org_id === null || u.org_id === '') return emptyScope('用户未分配机构 (no org assigned)');
  if (u.org_id === headOfficeOf(tree)) return managerId === null ? WHOLE_BANK : Object.freeze({ orgIds: null, rootOrg: null, managerId });
  return orgScope(tree, u.org_id, managerId);
}

/** 404 that does not say whether the org exists elsewhere. */
export class OrgNotInScopeError extends NotFoundError {
  constructor(orgId: string) {
    super(`机构 ${orgId} 不存在。 (No such org.)`, 'no_org');
  }
}

/**
 * The scope narrowed to one org of it (the scope picker, a filter naming an org). Never widens:
 * an org outside the scope, or not loaded at all, is a 404. Narrowing a whole-bank scope to the
 * head office leaves it whole (the head office's figures are the bank's).
 */
export function narrowScope(db: Db, scope: Scope, orgId: string | undefined, tree: OrgTree = loadOrgTree(db)): Scope {
  if (orgId === undefined || orgId === '') return scope;
  if (!coversOrg(scope, orgId) || (scope.orgIds === null && !tree.byId.has(orgId))) throw new OrgNotInScopeError(orgId);
  if (scope.orgIds === null && orgId === headOfficeOf(tree)) return scope;
  if (orgId === scope.rootOrg) return scope;
  return orgScope(tree, orgId, scope.managerId);
}

/** The scope of a user, narrowed to `org` when given: what every API request runs under. */
export function requestScope(db: Db, username: string, org?: string): Scope {
  const tree = loadOrgTree(db);
  return narrowScope(db, scopeOfUser(db, username, tree), org, tree);
}

/** The scope of one org and the orgs below it (the CLI's --org); a 404 error when not loaded. */
export function scopeOfOrg(db: Db, orgId: string): Scope {
  return narrowScope(db, WHOLE_BANK, orgId);
}

// --- predicates on rows already read ---

const orgSets = new WeakMap<readonly string[], Set<string>>();
function orgSet(s: Scope): Set<string> | null {
  if (s.orgIds === null) return null;
  let set = orgSets.get(s.orgIds);
  if (!set) orgSets.set(s.orgIds, (set = new Set(s.orgIds)));
  return set;
}

/** Is this org (a row's resolved org; null = none) inside the scope's orgs? */
export function coversOrg(s: Scope, orgId: string | null): boolean {
  const set = orgSet(s);
  return set === null || (orgId !== null && set.has(orgId));
}

/** Is this customer (its org and 管户客户经理号) inside the scope? */
export function coversCustomer(s: Scope, c: { org_id: string | null; manager_id: string | null }): boolean {
  return coversOrg(s, c.org_id) && (s.managerId === null || c.manager_id === s.managerId);
}

/** Is a row of that customer, carrying that own org, inside the scope (row-org.ts decides its org)? */
export function coversRow(s: Scope, ownOrg: string | null, customer: { org_id: string | null; manager_id: string | null } | null): boolean {
  if (!coversOrg(s, rowOrgOf(ownOrg, customer?.org_id))) return false;
  return s.managerId === null || customer?.manager_id === s.managerId;
}

/** The customer when it exists and is inside the scope; a 404-worthy null otherwise. */
export function customerInScope(db: Db, s: Scope, custId: string): boolean {
  const c = db.prepare('SELECT org_id, manager_id FROM customer WHERE cust_id = ?').get(custId) as { org_id: string; manager_id: string | null } | undefined;
  return c !== undefined && coversCustomer(s, c);
}

// --- SQL fragments ---

const TRUE: SqlPart = Object.freeze({ sql: '1', params: Object.freeze({}) }) as SqlPart;

function orgParam(s: Scope): Record<string, unknown> {
  return s.orgIds === null ? {} : { scope_orgs: JSON.stringify(s.orgIds) };
}

/** `<expr> IN (the scope's orgs)`; the IN list becomes one ephemeral index per statement, so an
 *  org_id column with an index is still sought, not scanned. */
export function orgInScopeSql(s: Scope, orgExpr: string): SqlPart {
  if (s.orgIds === null) return TRUE;
  return { sql: `${orgExpr} IN (SELECT value FROM json_each(@scope_orgs))`, params: orgParam(s) };
}

/** Customers (alias `cust`) inside the scope: their org, and their manager when limited. */
export function customerScopeSql(s: Scope, cust = 'c'): SqlPart {
  if (isWholeBank(s)) return TRUE;
  const parts: string[] = [];
  if (s.orgIds !== null) parts.push(`${cust}.org_id IN (SELECT value FROM json_each(@scope_orgs))`);
  if (s.managerId !== null) parts.push(`${cust}.manager_id = @scope_manager`);
  return { sql: parts.join(' AND '), params: { ...orgParam(s), ...(s.managerId === null ? {} : { scope_manager: s.managerId }) } };
}

/** Rows (alias `row`, its customer LEFT JOINed as `cust`) inside the scope, by the org rule. */
export function rowScopeSql(s: Scope, row: string, cust = 'c'): SqlPart {
  if (isWholeBank(s)) return TRUE;
  const parts: string[] = [];
  if (s.orgIds !== null) parts.push(`${rowOrgSql(row, cust)} IN (SELECT value FROM json_each(@scope_orgs))`);
  if (s.managerId !== null) parts.push(`${cust}.manager_id = @scope_manager`);
  return { sql: parts.join(' AND '), params: { ...orgParam(s), ...(s.managerId === null ? {} : { scope_manager: s.managerId }) } };
}

/** Only the manager part (figures roll up per org and keep the scope's orgs afterwards). */
export function managerScopeSql(s: Scope, cust = 'c'): SqlPart {
  if (s.managerId === null) return TRUE;
  return { sql: `${cust}.manager_id = @scope_manager`, params: { scope_manager: s.managerId } };
}

/** A stable text for caches keyed by what a scope sees. */
export function scopeKey(s: Scope): string {
  return JSON.stringify([s.orgIds, s.managerId]);
}

/**
 * Rows that name a user (the audit log): those of the users inside the scope, by their org as
 * stored now (a 客户经理 limited to their customers: their own). The whole bank sees every row,
 * including those of users since deleted and of failed sign-ins under unknown names. Positional
 * arguments, for queries built that way.
 */
export function userScopeSql(s: Scope, userCol = 'username'): { sql: string; args: unknown[] } {
  if (isWholeBank(s)) return { sql: '1', args: [] };
  const parts: string[] = [];
  const args: unknown[] = [];
  if (s.orgIds !== null) (parts.push('u.org_id IN (SELECT value FROM json_each(?))'), args.push(JSON.stringify(s.orgIds)));
  if (s.managerId !== null) (parts.push('u.staff_id = ?'), args.push(s.managerId));
  return { sql: `${userCol} IN (SELECT u.username FROM app_user u WHERE ${parts.join(' AND ')})`, args };
}
