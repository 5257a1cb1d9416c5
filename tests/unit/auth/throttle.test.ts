import { describe, expect, it } from 'vitest';
import { HttpError, LoginThrottle } from '../../../electron/core/auth/index.js';

/** The code of the 429 begin() throws, or null when the attempt was let through (and is failed). */
function failOnce(th: LoginThrottle, user: string, client: string): string | null {
  try {
    th.begin(user, client).failed();
    return null;
  } catch (e) {
    expect((e as HttpError).status).toBe(429);
    return (e as HttpError).code;
  }
}

function codeOf(fn: () => unknown): string | null {
  try {
    fn();
    return null;
  } catch (e) {
    return (e as HttpError).code;
  }
}

describe('LoginThrottle: per user name', () => {
  it('locks a name for 5 minutes after 5 failures in a row, case-insensitively', () => {
    let t = 0;
    const th = new LoginThrottle({ now: () => t });
    for (let i = 0; i < 4; i++) expect(failOnce(th, 'Datang', `10.0.0.${i}`)).toBeNull();
    th.begin('datang', '10.0.0.9').failed(); // the 5th, from yet another address
    expect(codeOf(() => th.begin('DATANG', '10.0.0.50'))).toBe('locked');
    expect(codeOf(() => th.begin('other', '10.0.0.50').abandon())).toBeNull();
    t += 5 * 60_000 - 1;
    expect(codeOf(() => th.begin('datang', '10.0.0.50'))).toBe('locked');
    t += 1;
    expect(codeOf(() => th.begin('datang', '10.0.0.50').abandon())).toBeNull();
  });

  it('a right password resets the count', () => {
    const th = new LoginThrottle();
    for (let i = 0; i < 4; i++) th.begin('u', 'c').failed();
    th.begin('u', 'c').succeeded();
    for (let i = 0; i < 4; i++) th.begin('u', 'c').failed();
    expect(codeOf(() => th.begin('u', 'c').abandon())).toBeNull();
  });

  it('counts attempts still being verified: a parallel burst gets 5 guesses, not 50', () => {
    const th = new LoginThrottle();
    const let_through: ReturnType<LoginThrottle['begin']>[] = [];
    const refused: string[] = [];
    for (let i = 0; i < 50; i++) {
      try {
        let_through.push(th.begin('admin', `10.1.0.${i}`));
      } catch (e) {
        refused.push((e as HttpError).code);
      }
    }
    expect(let_through).toHaveLength(5);
    expect(new Set(refused)).toEqual(new Set(['login_busy']));
    for (const a of let_through) a.failed();
    expect(codeOf(() => th.begin('admin', '10.1.0.99'))).toBe('locked');
  });

  it('an abandoned attempt frees its place without counting as a failure', () => {
    const th = new LoginThrottle();
    for (let i = 0; i < 20; i++) th.begin('u', 'c').abandon();
    for (let i = 0; i < 4; i++) th.begin('u', 'c').failed();
    const a = th.begin('u', 'c');
    a.succeeded();
    a.failed(); // a second verdict on the same attempt is ignored
    expect(codeOf(() => th.begin('u', 'c').abandon())).toBeNull();
  });
});

describe('LoginThrottle: per client address', () => {
  it('refuses an address after 20 failures within 15 minutes over many names, until the oldest leaves the window', () => {
    let t = 0;
    const th = new LoginThrottle({ now: () => t });
    // 20 names, one wrong password each, 30 s apart (at 0, 0.5, …, 9.5 min): no name reaches its own limit of 5
    for (let i = 0; i < 20; i++) {
      if (i > 0) t += 30_000;
      expect(failOnce(th, `user${i}`, '10.2.0.7')).toBeNull();
    }
    expect(codeOf(() => th.begin('fresh', '10.2.0.7'))).toBe('client_locked');
    // the oldest failure (t = 0) leaves the 15-minute window at t = 15 min, exactly
    t = 15 * 60_000 - 1;
    expect(codeOf(() => th.begin('fresh', '10.2.0.7'))).toBe('client_locked');
    t = 15 * 60_000;
    expect(codeOf(() => th.begin('fresh', '10.2.0.7').failed())).toBeNull();
    // that failure refills the window to 20 (19 left from 0.5…9.5 min, plus this one)
    expect(codeOf(() => th.begin('fresh2', '10.2.0.7'))).toBe('client_locked');
  });

  it('forgets failures older than the window', () => {
    let t = 0;
    const th = new LoginThrottle({ now: () => t });
    for (let i = 0; i < 20; i++) {
      th.begin(`user${i}`, '10.2.0.6').failed();
      t += 60_000;
    }
    // failures at 0..19 min, now t = 20 min: only those at 6..19 min (14) are inside (20 − 15, 20]
    expect(codeOf(() => th.begin('fresh', '10.2.0.6').abandon())).toBeNull();
  });

  it('locks the address, not the names: another machine still signs in as the same user', () => {
    let t = 0;
    const th = new LoginThrottle({ now: () => t });
    for (let i = 0; i < 20; i++) th.begin(`user${i}`, '10.2.0.8').failed(); // all at t = 0
    expect(codeOf(() => th.begin('user0', '10.2.0.8'))).toBe('client_locked');
    expect(codeOf(() => th.begin('brand-new-name', '10.2.0.8'))).toBe('client_locked');
    expect(codeOf(() => th.begin('user0', '10.2.0.9').abandon())).toBeNull();
    // a success elsewhere does not reset the address
    th.begin('user1', '10.2.0.9').succeeded();
    t += 15 * 60_000 - 1;
    expect(codeOf(() => th.begin('user1', '10.2.0.8'))).toBe('client_locked');
    t += 1;
    expect(codeOf(() => th.begin('user1', '10.2.0.8').abandon())).toBeNull();
  });

  it('a success from the address does not buy it more guesses', () => {
    const th = new LoginThrottle();
    for (let i = 0; i < 19; i++) th.begin(`user${i}`, 'c').failed();
    th.begin('mine', 'c').succeeded();
    th.begin('user19', 'c').failed();
    expect(codeOf(() => th.begin('mine', 'c'))).toBe('client_locked');
  });

  it('counts an address’s attempts in flight: a parallel spray gets 20 guesses', () => {
    const th = new LoginThrottle();
    let through = 0;
    for (let i = 0; i < 100; i++) {
      try {
        th.begin(`n${i}`, 'spray');
        through++;
      } catch (e) {
        expect((e as HttpError).code).toBe('login_busy');
      }
    }
    expect(through).toBe(20);
  });
});
