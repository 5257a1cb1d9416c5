// The command line's scope: it runs as whoever can open the database file, so the whole bank,
// or one org and the orgs below it with --org.
import type { Db } from '../db/connection.js';
import { loadOrgTree } from '../metrics/org-tree.js';
import { scopeOfOrg, wholeBankScope, type Scope } from './scope.js';

export function cliScope(db: Db, org: string | undefined): Scope {
  if (org === undefined) return wholeBankScope();
  if (!loadOrgTree(db).byId.has(org)) throw new Error(`--org：机构 ${org} 不存在（未导入机构文件或机构号有误） (no such org)`);
  return scopeOfOrg(db, org);
}
