import { Writable } from 'node:stream';
import { z } from 'zod';
import type { LoginResult } from '../../../shared/api.js';
import { AuditFilterSchema } from '../../../shared/audit.js';
import { shanghaiDateTime } from '../../../shared/dates.js';
import { ROLES } from '../../../shared/permissions.js';
import { audit, listAudit } from '../audit/index.js';
import { describeAuditFilter, exportAudit } from '../audit/export.js';
import { signedInUser } from '../auth/permission.js';
import { getUser } from '../auth/users.js';
import {
  changeOwnPassword,
  createManagedUser,
  listOrgs,
  listUsers,
  resetUserPassword,
  setUserDisabled,
  updateManagedUser,
} from '../auth/user-admin.js';
import { jsonBody, queryOf } from './errors.js';
import type { Router } from './route.js';
import { scopeOf } from './scope-param.js';

// Administration: users (users:manage), the audit log (audit:read), and every user's own
// password change (the only route, with me and logout, open to a user who must change it).

const Username = z.object({ username: z.string().trim().min(1).max(64) });
const Password = z.string().min(1).max(1024);
const NewUserBody = z.object({
  username: z.string().trim().min(1).max(64),
  displayName: z.string().trim().min(1).max(64),
  role: z.enum(ROLES),
  orgId: z.string().trim().min(1).max(64).nullable(),
  staffId: z.string().trim().max(64).nullable().optional(),
  password: Password,
});
const UpdateBody = z
  .object({
    displayName: z.string().trim().min(1).max(64).optional(),
    role: z.enum(ROLES).optional(),
    orgId: z.string().trim().min(1).max(64).nullable().optional(),
    staffId: z.string().trim().max(64).nullable().optional(),
  })
  .strict();
const ResetBody = z.object({ password: Password });
const ChangeBody = z.object({ current: Password, password: Password });
const ExportQuery = z.object({ format: z.enum(['xlsx', 'csv']) });

function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

function collector(): { out: Writable; bytes: () => Buffer } {
  const chunks: Buffer[] = [];
  const out = new Writable({
    write(chunk: Buffer | string, _enc, cb) {
      chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
      cb();
    },
  });
  return { out, bytes: () => Buffer.concat(chunks) };
}

export function adminRoutes(r: Router): void {
  const { db, sessions } = r.rt;

  /** Live sessions follow the account: a role or org change applies at once. */
  const refreshSessions = (username: string) => {
    const u = getUser(db, username);
    if (u) sessions.updateUser(u);
    else sessions.deleteUser(username);
  };

  r.route('get', '/api/users', 'users:manage', (c) => c.json(listUsers(db)));
  r.route('get', '/api/users/orgs', 'users:manage', (c) => c.json(listOrgs(db)));

  r.route('post', '/api/users', 'users:manage', async (c, actor) => {
    const body = await jsonBody(c, NewUserBody);
    return c.json(await createManagedUser(db, actor, body), 201);
  });

  r.route('put', '/api/users/:username', 'users:manage', async (c, actor) => {
    const { username } = Username.parse(c.req.param());
    const out = await updateManagedUser(db, actor, username, await jsonBody(c, UpdateBody));
    refreshSessions(username);
    return c.json(out);
  });

  for (const [verb, disabled] of [['disable', true], ['enable', false]] as const) {
    r.route('post', `/api/users/:username/${verb}`, 'users:manage', async (c, actor) => {
      const { username } = Username.parse(c.req.param());
      const out = await setUserDisabled(db, actor, username, disabled);
      if (disabled) sessions.deleteUser(username);
      return c.json(out);
    });
  }

  r.route('post', '/api/users/:username/reset-password', 'users:manage', async (c, actor) => {
    const { username } = Username.parse(c.req.param());
    const { password } = await jsonBody(c, ResetBody);
    const out = await resetUserPassword(db, actor, username, password);
    // signed out everywhere: the next sign-in asks for a new password
    sessions.deleteUser(username);
    return c.json(out);
  });

  r.route('post', '/api/auth/password', 'signed-in', async (c, user) => {
    const { current, password } = await jsonBody(c, ChangeBody);
    const updated = await changeOwnPassword(db, user.username, current, password);
    // other sessions of the account end with the old password; this one continues on a new token
    sessions.deleteUser(user.username);
    return c.json<LoginResult>({ token: sessions.create(updated), user: signedInUser(updated) });
  });

  // the log in the reader's data scope: a branch's readers see the actions of that branch's users
  r.route('get', '/api/audit', 'audit:read', (c, user) => c.json(listAudit(db, queryOf(c, AuditFilterSchema), scopeOf(c, db, user))));

  r.route('get', '/api/audit/export', 'audit:read', async (c, user) => {
    const { format } = queryOf(c, ExportQuery.passthrough());
    const filter = queryOf(c, AuditFilterSchema);
    const sink = collector();
    const { rows } = await exportAudit(db, filter, format, sink.out, { username: user.username, scope: scopeOf(c, db, user) });
    // recorded before the file is handed out: no record, no file
    await audit(db, { username: user.username, action: 'audit_export', target: `audit.${format}`, detail: { filter: describeAuditFilter(filter), rows } });
    const type = format === 'xlsx' ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv; charset=utf-8';
    const stamp = shanghaiDateTime().replace(/[-:]/g, '').replace(' ', '_');
    return new Response(new Uint8Array(sink.bytes()), {
      headers: { 'content-type': type, 'content-disposition': contentDisposition(`审计日志_${stamp}.${format}`), 'x-row-count': String(rows) },
    });
  });
}
