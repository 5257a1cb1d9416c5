// The caller's data scope for a request: the user's scope (electron/core/scope), narrowed by the
// optional ?org= of the scope picker. Routes pass it to the core and never filter themselves.
import type { Context } from 'hono';
import { z } from 'zod';
import type { UserInfo } from '../../../shared/api.js';
import { SCOPE_PARAM } from '../../../shared/scope.js';
import type { Db } from '../db/connection.js';
import { requestScope, type Scope } from '../scope/index.js';

const OrgParam = z.string().trim().max(64).optional();

/** A 404 when ?org= names an org outside the user's scope (or none at all). */
export function scopeOf(c: Context, db: Db, user: UserInfo): Scope {
  const org = OrgParam.parse(c.req.query(SCOPE_PARAM));
  return requestScope(db, user.username, org === '' ? undefined : org);
}
