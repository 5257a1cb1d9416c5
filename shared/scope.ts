// The caller's data scope as the renderer sees it (GET /api/scope): what the top bar shows and
// what the scope picker offers. The core decides the scope (electron/core/scope); this is only
// its description.

export interface ScopeOrg {
  id: string;
  name: string;
  level: string | null;
  parentId: string | null;
}

export interface ScopeInfo {
  /** the scope in effect (the user's, narrowed by ?org=) covers the whole bank */
  wholeBank: boolean;
  /** its root org; null for the whole bank */
  org: ScopeOrg | null;
  /** set when the rows are limited to the customers one 客户经理 manages */
  manager: { staffId: string; name: string | null } | null;
  /** the user's own scope, before any narrowing */
  base: { wholeBank: boolean; org: ScopeOrg | null };
  /** the orgs the user may narrow to (their own scope's loaded orgs, parents first); empty when there is nothing to pick */
  orgs: ScopeOrg[];
  /** why the scope sees nothing, when it does not */
  emptyReason: string | null;
}

/** The query parameter every scoped API route accepts to narrow the caller's scope (never widen). */
export const SCOPE_PARAM = 'org';

/** GET/PUT /api/settings/scope (settings:write) */
export interface ScopeSettings {
  /** a 客户经理 sees only the customers whose 管户客户经理号 is their 员工号 (on by default) */
  accountManagerOwnCustomers: boolean;
}
