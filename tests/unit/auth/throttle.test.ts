import { describe, expect, it } from 'vitest';
import { HttpError, LoginThrottle } from '../../../electron/core/auth/index.js';

describe('LoginThrottle', () => {
  it('locks a name for 5 minutes after 5 failures in a row, case-insensitively', () => {
    let t = 0;
    const th = new LoginThrottle({ now: () => t });
    for (let i = 0; i < 4; i++) th.failed('Datang');
    expect(() => th.check('datang')).not.toThrow();
    th.failed('datang');
    let err: unknown;
    try {
      th.check('DATANG');
    } catch (e) {
      err = e;
    }
    expect((err as HttpError).status).toBe(429);
    expect(() => th.check('other')).not.toThrow();
    t += 5 * 60_000 - 1;
    expect(() => th.check('datang')).toThrow(HttpError);
    t += 1;
    expect(() => th.check('datang')).not.toThrow();
  });

  it('a right password resets the count', () => {
    const th = new LoginThrottle();
    for (let i = 0; i < 4; i++) th.failed('u');
    th.succeeded('u');
    for (let i = 0; i < 4; i++) th.failed('u');
    expect(() => th.check('u')).not.toThrow();
  });
});
