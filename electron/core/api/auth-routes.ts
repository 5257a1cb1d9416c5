import { z } from 'zod';
import type { AuthStatus, LoginResult, UserInfo } from '../../../shared/api.js';
import { audit, listAudit } from '../audit/index.js';
import { DEMO_USERS, isDemo } from '../auth/demo.js';
import { UnauthorizedError } from '../auth/errors.js';
import { LoginThrottle, type LoginAttempt } from '../auth/throttle.js';
import { needsSetup, setupAdmin, verifyLogin } from '../auth/users.js';
import { clientAddress } from './client-address.js';
import { jsonBody, queryOf } from './errors.js';
import { bearerToken, type Router } from './route.js';

const LoginBody = z.object({ username: z.string().trim().min(1).max(64), password: z.string().min(1).max(1024) });
const SetupBody = z.object({ password: z.string().max(1024) });
const AuditQuery = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  offset: z.coerce.number().int().min(0).default(0),
  username: z.string().max(64).optional(),
  action: z.string().max(64).optional(),
});

export function authRoutes(r: Router): void {
  const { db, sessions } = r.rt;
  const throttle = r.rt.throttle ?? new LoginThrottle();

  r.public('get', '/api/auth/status', (c) => {
    const demo = isDemo(db);
    const body: AuthStatus = { needsSetup: needsSetup(db), demo };
    if (demo) body.demoUsers = DEMO_USERS.map(({ username, password, role }) => ({ username, password, role }));
    return c.json(body);
  });

  r.public('post', '/api/auth/setup', async (c) => {
    const { password } = await jsonBody(c, SetupBody);
    const user = await setupAdmin(db, password);
    audit(db, { username: user.username, action: 'setup', target: user.username });
    return c.json<LoginResult>({ token: sessions.create(user), user });
  });

  r.public('post', '/api/auth/login', async (c) => {
    const { username, password } = await jsonBody(c, LoginBody);
    let attempt: LoginAttempt;
    try {
      // one key for the desktop app, which has no network peer
      attempt = throttle.begin(username, clientAddress(c) ?? 'local');
    } catch (e) {
      audit(db, { username, action: 'login_locked', target: username });
      throw e;
    }
    let user: UserInfo | null;
    try {
      user = await verifyLogin(db, username, password);
    } catch (e) {
      attempt.abandon();
      throw e;
    }
    if (!user) {
      attempt.failed();
      audit(db, { username, action: 'login_failed', target: username });
      throw new UnauthorizedError('用户名或密码错误。 (Wrong user name or password.)', 'bad_credentials');
    }
    attempt.succeeded();
    audit(db, { username: user.username, action: 'login', target: user.username });
    return c.json<LoginResult>({ token: sessions.create(user), user });
  });

  r.route('post', '/api/auth/logout', 'signed-in', (c, user) => {
    const token = bearerToken(c);
    if (token) sessions.delete(token);
    audit(db, { username: user.username, action: 'logout', target: user.username });
    return c.json({ ok: true });
  });

  r.route('get', '/api/auth/me', 'signed-in', (c, user) => c.json<UserInfo>(user));

  r.route('get', '/api/audit', 'audit:read', (c) => c.json(listAudit(db, queryOf(c, AuditQuery))));
}
