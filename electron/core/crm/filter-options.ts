// The orgs, managers and grids the gap-list filter bar offers: only those inside the caller's
// scope (names are data: the renderer shows them as text).
import type { Db } from '../db/connection.js';
import { customerScopeSql, orgInScopeSql, type Scope } from '../scope/index.js';

export interface FilterOptions {
  orgs: { id: string; name: string; parentId: string | null; level: string | null }[];
  /** id is the 员工号; orgId/orgName the org the manager sits in, so two managers of one name can
   *  be told apart (orgName null when that org is not loaded) */
  managers: { id: string; name: string; orgId: string | null; orgName: string | null }[];
  grids: { id: string; name: string; orgId: string | null }[];
}

export function filterOptions(db: Db, scope: Scope): FilterOptions {
  const orgIn = orgInScopeSql(scope, 'o.org_id');
  const orgs = db
    .prepare(`SELECT o.org_id AS id, o.name, o.parent_id AS parentId, o.level FROM org o WHERE ${orgIn.sql} ORDER BY o.org_id`)
    .all(orgIn.params) as FilterOptions['orgs'];
  // managers of the customers the scope sees (a 支行's customers may be managed from elsewhere)
  const custIn = customerScopeSql(scope, 'c');
  const managers = db
    .prepare(
      `SELECT s.staff_id AS id, s.name, NULLIF(s.org_id, '') AS orgId, o.name AS orgName
         FROM staff s LEFT JOIN org o ON o.org_id = s.org_id
        WHERE s.staff_id IN (SELECT DISTINCT c.manager_id FROM customer c WHERE c.manager_id IS NOT NULL AND ${custIn.sql})
        ORDER BY s.staff_id`,
    )
    .all(custIn.params) as FilterOptions['managers'];
  const gridIn = orgInScopeSql(scope, 'g.org_id');
  const grids = db
    .prepare(`SELECT g.grid_id AS id, g.name, g.org_id AS orgId FROM grid g WHERE ${gridIn.sql} ORDER BY g.grid_id`)
    .all(gridIn.params) as FilterOptions['grids'];
  return { orgs, managers, grids };
}
