import type { Context, Hono } from 'hono';
import type { UserInfo } from '../../../shared/api.js';
import type { Permission } from '../../../shared/permissions.js';
import type { Db } from '../db/connection.js';
import { requirePermission } from '../auth/permission.js';
import { ForbiddenError, UnauthorizedError } from '../auth/errors.js';
import { withAuditOrigin } from '../audit/origin.js';
import { clientAddress } from './client-address.js';
import type { SessionStore } from '../auth/session.js';
import type { LoginThrottle } from '../auth/throttle.js';

export type Method = 'get' | 'post' | 'put' | 'delete';
/** 'public': no login; 'signed-in': any logged-in user; otherwise the permission required. */
export type Access = 'public' | 'signed-in' | Permission;

export interface RouteDef {
  method: Method;
  path: string;
  access: Access;
}

/** What every route module receives: the database, the data folder and the shared state. */
export interface ApiRuntime {
  db: Db;
  dataDir: string;
  sessions: SessionStore;
  throttle?: LoginThrottle;
  /** the desktop app: the API may read files by local path (POST /api/import/local), those granted only */
  localFiles?: LocalFileGrants;
}

/** Which local paths the API may read: in the desktop app, those the native dialog returned. */
export interface LocalFileGrants {
  allows(path: string): boolean;
}

const TABLES = new WeakMap<object, RouteDef[]>();

/** The permission table of an app made by createApi: tests walk it so that a new route is
 *  checked for 401/403 without anyone remembering to add a test. */
export function routesOf(app: Hono): readonly RouteDef[] {
  return TABLES.get(app) ?? [];
}

export function bearerToken(c: Context): string | null {
  const h = c.req.header('authorization');
  const m = h ? /^Bearer\s+(\S+)$/i.exec(h) : null;
  return m ? m[1] : null;
}

/** What a user whose password was reset may still do: see who they are, change it, leave. */
const WHILE_PASSWORD_MUST_CHANGE = new Set(['/api/auth/me', '/api/auth/password', '/api/auth/logout']);

/**
 * Registers routes with their access rule in one place. The check runs before the handler, in
 * the core, whatever the renderer shows or hides.
 */
export class Router {
  constructor(
    private readonly app: Hono,
    readonly rt: ApiRuntime,
  ) {
    if (!TABLES.has(app)) TABLES.set(app, []);
  }

  public(method: Method, path: string, handler: (c: Context, user: UserInfo | null) => Response | Promise<Response>): void {
    this.add({ method, path, access: 'public' }, handler);
  }

  route(
    method: Method,
    path: string,
    access: Exclude<Access, 'public'>,
    handler: (c: Context, user: UserInfo) => Response | Promise<Response>,
  ): void {
    this.add({ method, path, access }, (c, user) => {
      if (!user) throw new UnauthorizedError();
      if (user.mustChangePassword && !WHILE_PASSWORD_MUST_CHANGE.has(path)) {
        throw new ForbiddenError('管理员已重置您的密码，请先修改密码。 (Your password was reset: change it first.)', 'password_change_required');
      }
      if (access !== 'signed-in') requirePermission(user, access);
      return handler(c, user);
    });
  }

  private add(def: RouteDef, handler: (c: Context, user: UserInfo | null) => Response | Promise<Response>): void {
    TABLES.get(this.app)!.push(def);
    // Audit rows written while serving the request say where it came from: the desktop app has
    // no network peer; web mode has the socket's address.
    const source = this.rt.localFiles ? 'desktop' : 'web';
    this.app.on(def.method.toUpperCase(), def.path, (c) =>
      withAuditOrigin({ source, client: clientAddress(c) }, () => handler(c, this.rt.sessions.get(bearerToken(c)))),
    );
  }
}
