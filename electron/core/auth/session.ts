import crypto from 'node:crypto';
import type { UserInfo } from '../../../shared/api.js';

export interface Session {
  user: UserInfo;
  /** epoch ms after which the token is refused unless used before */
  expires: number;
  /** epoch ms after which the token is refused however busy it is */
  endsAt: number;
}

export interface SessionOptions {
  /** idle time after which a session ends */
  idleMs?: number;
  /** time after sign-in at which a session ends, used or not */
  maxAgeMs?: number;
  /** injectable clock for tests */
  now?: () => number;
}

/** An hour away from a shared branch PC (lunch) signs the user out. */
export const DEFAULT_IDLE_MS = 60 * 60 * 1000;
/** A working day: everyone signs in again each morning, and a token that leaked is worth one day at most. */
export const DEFAULT_MAX_AGE_MS = 12 * 60 * 60 * 1000;

/**
 * Login sessions, in memory only: restarting the console signs everyone out, which is what a
 * desktop app on a shared office PC should do. Tokens are 32 random bytes. Each use pushes the
 * idle expiry forward, but never past the absolute end fixed at sign-in.
 */
export class SessionStore {
  private readonly sessions = new Map<string, Session>();
  private readonly idleMs: number;
  private readonly maxAgeMs: number;
  private readonly now: () => number;

  constructor(opts: SessionOptions = {}) {
    this.idleMs = opts.idleMs ?? DEFAULT_IDLE_MS;
    this.maxAgeMs = opts.maxAgeMs ?? DEFAULT_MAX_AGE_MS;
    this.now = opts.now ?? Date.now;
  }

  create(user: UserInfo): string {
    this.sweep();
    const token = crypto.randomBytes(32).toString('base64url');
    const now = this.now();
    const endsAt = now + this.maxAgeMs;
    this.sessions.set(token, { user, expires: Math.min(now + this.idleMs, endsAt), endsAt });
    return token;
  }

  /** The session's user, refreshing its expiry; null for an unknown or expired token. */
  get(token: string | null | undefined): UserInfo | null {
    if (!token) return null;
    const s = this.sessions.get(token);
    if (!s) return null;
    const now = this.now();
    if (now >= s.expires) {
      this.sessions.delete(token);
      return null;
    }
    s.expires = Math.min(now + this.idleMs, s.endsAt);
    return s.user;
  }

  delete(token: string): boolean {
    return this.sessions.delete(token);
  }

  /** Ends every session of a user, e.g. after a password change or when the account is disabled. */
  deleteUser(username: string): number {
    let n = 0;
    for (const [token, s] of this.sessions) {
      if (s.user.username === username) {
        this.sessions.delete(token);
        n++;
      }
    }
    return n;
  }

  /** Replaces the user record held by live sessions (role or org changed). */
  updateUser(user: UserInfo): void {
    for (const s of this.sessions.values()) if (s.user.username === user.username) s.user = user;
  }

  get size(): number {
    return this.sessions.size;
  }

  /** Drops expired sessions so the map cannot grow without bound. */
  sweep(): void {
    const now = this.now();
    for (const [token, s] of this.sessions) if (now >= s.expires) this.sessions.delete(token);
  }
}
