import { HttpError } from './errors.js';

export interface ThrottleOptions {
  /** consecutive failures allowed before the name is locked */
  maxFailures?: number;
  lockMs?: number;
  now?: () => number;
}

/**
 * Slows password guessing against one user name: after 5 wrong passwords in a row the name is
 * locked for 5 minutes. In memory, per console instance; a right password resets the count.
 * (A branch sharing web mode on its intranet is the case this is for; desktop mode has one user.)
 */
export class LoginThrottle {
  private readonly failures = new Map<string, { count: number; lockedUntil: number }>();
  private readonly max: number;
  private readonly lockMs: number;
  private readonly now: () => number;

  constructor(o: ThrottleOptions = {}) {
    this.max = o.maxFailures ?? 5;
    this.lockMs = o.lockMs ?? 5 * 60 * 1000;
    this.now = o.now ?? Date.now;
  }

  /** Throws (HTTP 429) while the name is locked. */
  check(username: string): void {
    const f = this.failures.get(username.toLowerCase());
    if (f && f.lockedUntil > this.now()) {
      const minutes = Math.ceil((f.lockedUntil - this.now()) / 60_000);
      throw new HttpError(429, `密码错误次数过多，请 ${minutes} 分钟后再试。 (Too many failed logins; try again later.)`, 'locked');
    }
  }

  failed(username: string): void {
    const key = username.toLowerCase();
    const f = this.failures.get(key) ?? { count: 0, lockedUntil: 0 };
    f.count++;
    if (f.count >= this.max) {
      f.lockedUntil = this.now() + this.lockMs;
      f.count = 0;
    }
    this.failures.set(key, f);
    if (this.failures.size > 10_000) this.failures.delete(this.failures.keys().next().value!);
  }

  succeeded(username: string): void {
    this.failures.delete(username.toLowerCase());
  }
}
