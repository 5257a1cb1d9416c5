// The read function of the assessment: a period's sheets for the objects asked, inside the
// caller's scope (the CLI, GET /api/assess and the documents all come here).
//
// Which sheets a scope shows: an org's when the org lies inside the scope's orgs; a staff member's
// when their 所属机构 does; a 客户经理 limited to their own customers sees only their own sheet.
// Asking for an object outside the scope is a 404, as everywhere (scope/); a 客户经理 limited to
// their own customers gets their own sheet whatever they ask (as with their figures).
// Without --org/--staff/--all: the bank as one org sheet, the head office's (a 1104 reader's
// "全行"); a scope below the head office gets its own root org; with no head office loaded, the
// root orgs.
import type { AssessResult, Sheet } from '../../../shared/assessment.js';
import type { Db } from '../db/connection.js';
import { UserInputError } from '../errors.js';
import { StaffNotInScopeError } from '../indicators/index.js';
import { loadOrgTree } from '../metrics/org-tree.js';
import { coversOrg, headOfficeOf, OrgNotInScopeError, type Scope } from '../scope/index.js';
import { periodResult } from './lock.js';
import { parsePeriod } from './period.js';

export interface Selection {
  org?: string;
  staff?: string;
  all?: boolean;
}

/** Can this scope see this sheet? `staffOrg`: the staff member's 所属机构号 (from the staff table). */
export function sheetVisible(scope: Scope, sheet: Pick<Sheet, 'object'>, staffOrg: (id: string) => string | null): boolean {
  if (sheet.object.type === 'staff') {
    if (scope.managerId !== null) return sheet.object.id === scope.managerId;
    return coversOrg(scope, staffOrg(sheet.object.id));
  }
  return scope.managerId === null && coversOrg(scope, sheet.object.id);
}

export function staffOrgLookup(db: Db): (id: string) => string | null {
  const m = new Map((db.prepare('SELECT staff_id, org_id FROM staff').all() as { staff_id: string; org_id: string | null }[]).map((s) => [s.staff_id, s.org_id]));
  return (id) => m.get(id) ?? null;
}

export function assess(db: Db, period: string, scope: Scope, sel: Selection = {}): AssessResult {
  const given = [sel.org, sel.staff, sel.all ? 'all' : undefined].filter((x) => x !== undefined && x !== '');
  if (given.length > 1) throw new OrgOrStaffError();
  const p = parsePeriod(period);
  const result = periodResult(db, p);
  const staffOrg = staffOrgLookup(db);
  const visible = result.sheets.filter((s) => sheetVisible(scope, s, staffOrg));
  let sheets: Sheet[];
  // a 客户经理 limited to their own customers reads their own sheet whatever was asked (as their
  // figures: indicators/target.ts resolveTarget)
  if (sel.all || scope.managerId !== null) sheets = visible;
  else if (sel.staff) {
    sheets = visible.filter((s) => s.object.type === 'staff' && s.object.id === sel.staff);
    if (!sheets.length) throw new StaffNotInScopeError(sel.staff);
  } else if (sel.org) {
    sheets = visible.filter((s) => s.object.type === 'org' && s.object.id === sel.org);
    if (!sheets.length) throw new OrgNotInScopeError(sel.org);
  } else sheets = visible.filter((s) => isDefaultObject(db, scope, s));
  return { ...result, sheets };
}

function isDefaultObject(db: Db, scope: Scope, s: Sheet): boolean {
  if (scope.managerId !== null) return s.object.type === 'staff';
  if (s.object.type !== 'org') return false;
  if (scope.rootOrg !== null) return s.object.id === scope.rootOrg;
  const tree = loadOrgTree(db);
  const head = headOfficeOf(tree);
  return head !== null ? s.object.id === head : tree.roots.some((r) => r.org_id === s.object.id);
}

class OrgOrStaffError extends UserInputError {
  constructor() {
    super('--org、--staff 与 --all 只能选一个 (give one of org, staff or all)', 'one_object');
  }
}
