// Which assessed objects a caller may touch (a target cell, an adjustment): the object must be
// loaded and its sheet visible in the caller's scope (assess.ts sheetVisible); otherwise it does
// not exist for them (404), as everywhere in the console.
import type { ObjectType } from '../../../shared/assessment.js';
import type { Db } from '../db/connection.js';
import { StaffNotInScopeError } from '../indicators/index.js';
import { OrgNotInScopeError, type Scope } from '../scope/index.js';
import { sheetVisible, staffOrgLookup } from './assess.js';

export function objectAllowed(db: Db, scope: Scope): (type: ObjectType, id: string) => boolean {
  const staffOrg = staffOrgLookup(db);
  const orgs = new Set(db.prepare('SELECT org_id FROM org').pluck().all() as string[]);
  return (type, id) => {
    const loaded = type === 'org' ? orgs.has(id) : staffOrg(id) !== null || db.prepare('SELECT 1 FROM staff WHERE staff_id = ?').get(id) !== undefined;
    return loaded && sheetVisible(scope, { object: { type, id, name: '' } }, staffOrg);
  };
}

export function assertObject(db: Db, scope: Scope, type: ObjectType, id: string): void {
  if (!objectAllowed(db, scope)(type, id)) throw type === 'org' ? new OrgNotInScopeError(id) : new StaffNotInScopeError(id);
}
