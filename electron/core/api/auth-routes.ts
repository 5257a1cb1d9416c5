import { z } from 'zod';
import type { AuthStatus, LoginResult, SignedInUser, UserInfo } from '../../../shared/api.js';
import { audit } from '../audit/index.js';
import { failedLoginLog } from '../audit/failed-logins.js';
import { DEMO_USERS, isDemo } from '../auth/demo.js';
import { UnauthorizedError } from '../auth/errors.js';
import { signedInUser } from '../auth/permission.js';
import { LoginThrottle, type LoginAttempt } from '../auth/throttle.js';
import { needsSetup, setupAdmin, verifyLogin } from '../auth/users.js';
import { clientAddress } from './client-address.js';
import { jsonBody } from './errors.js';
import { bearerToken, type Router } from './route.js';

const LoginBody = z.object({ username: z.string().trim().min(1).max(64), password: z.string().min(1).max(1024) });
const SetupBody = z.object({ password: z.string().max(1024) });

export function authRoutes(r: Router): void {
  const { db, sessions } = r.rt;
  const throttle = r.rt.throttle ?? new LoginThrottle();
  // failed and locked-out sign-ins: one audit row per source per minute, with the count
  const failedLogins = failedLoginLog(db);

  r.public('get', '/api/auth/status', (c) => {
    const demo = isDemo(db);
    const body: AuthStatus = { needsSetup: needsSetup(db), demo };
    if (demo) body.demoUsers = DEMO_USERS.map(({ username, password, role }) => ({ username, password, role }));
    return c.json(body);
  });

  r.public('post', '/api/auth/setup', async (c) => {
    const { password } = await jsonBody(c, SetupBody);
    const user = await setupAdmin(db, password); // audited in its own transaction
    return c.json<LoginResult>({ token: sessions.create(user), user: signedInUser(user) });
  });

  r.public('post', '/api/auth/login', async (c) => {
    const { username, password } = await jsonBody(c, LoginBody);
    let attempt: LoginAttempt;
    try {
      // one key for the desktop app, which has no network peer
      attempt = throttle.begin(username, clientAddress(c) ?? 'local');
    } catch (e) {
      failedLogins.record('login_locked', username);
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
      failedLogins.record('login_failed', username);
      throw new UnauthorizedError('用户名或密码错误。 (Wrong user name or password.)', 'bad_credentials');
    }
    attempt.succeeded();
    await audit(db, { username: user.username, action: 'login', target: user.username });
    return c.json<LoginResult>({ token: sessions.create(user), user: signedInUser(user) });
  });

  r.route('post', '/api/auth/logout', 'signed-in', async (c, user) => {
    const token = bearerToken(c);
    if (token) sessions.delete(token);
    await audit(db, { username: user.username, action: 'logout', target: user.username });
    return c.json({ ok: true });
  });

  // who the caller is and what they may do (the renderer routes and shows by these flags)
  r.route('get', '/api/auth/me', 'signed-in', (c, user) => c.json<SignedInUser>(signedInUser(user)));
}
