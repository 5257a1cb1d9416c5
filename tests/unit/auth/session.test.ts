import { describe, expect, it } from 'vitest';
import type { UserInfo } from '../../../shared/api.js';
import { SessionStore } from '../../../electron/core/auth/session.js';

const user: UserInfo = { username: 'u1', displayName: 'U', role: 'lobby_manager', orgId: null, permissions: ['data:read'] };
const HOUR = 3600_000;

function clock(start = 1_700_000_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe('SessionStore', () => {
  it('issues distinct 32-byte random tokens', () => {
    const s = new SessionStore();
    const a = s.create(user);
    const b = s.create(user);
    expect(a).not.toBe(b);
    expect(Buffer.from(a, 'base64url')).toHaveLength(32);
    expect(s.get(a)?.username).toBe('u1');
    expect(s.get('not-a-token')).toBeNull();
    expect(s.get(null)).toBeNull();
  });

  it('ends a session after an hour idle, not before', () => {
    const c = clock();
    const s = new SessionStore({ now: c.now });
    const t = s.create(user);
    c.advance(HOUR - 1);
    expect(s.get(t)).not.toBeNull();
    // that use pushed the expiry an hour from now
    c.advance(HOUR - 1);
    expect(s.get(t)).not.toBeNull();
    c.advance(HOUR);
    expect(s.get(t)).toBeNull();
    // gone for good, even if the clock were to go back
    c.advance(-2 * HOUR);
    expect(s.get(t)).toBeNull();
  });

  it('ends a session 12 hours after sign-in however often it is used', () => {
    const c = clock();
    const s = new SessionStore({ now: c.now });
    const t = s.create(user);
    // used every 50 minutes (inside the idle hour): 14 uses reach 11 h 40 min
    for (let i = 0; i < 14; i++) {
      c.advance(50 * 60_000);
      expect(s.get(t), `use ${i + 1}`).not.toBeNull();
    }
    // 11 h 40 min + 19 min 59.999 s = 12 h − 1 ms: still on
    c.advance(20 * 60_000 - 1);
    expect(s.get(t)).not.toBeNull();
    c.advance(1); // 12 h exactly after sign-in
    expect(s.get(t)).toBeNull();
    // a new sign-in starts a new day
    const again = s.create(user);
    expect(s.get(again)).not.toBeNull();
  });

  it('does not let the idle time stretch a session past its absolute end', () => {
    const c = clock();
    const s = new SessionStore({ now: c.now, idleMs: 10 * HOUR, maxAgeMs: 12 * HOUR });
    const t = s.create(user);
    c.advance(9 * HOUR);
    expect(s.get(t)).not.toBeNull(); // idle expiry would now be 19 h; the end stays at 12 h
    c.advance(3 * HOUR);
    expect(s.get(t)).toBeNull();
  });

  it('forgets sessions past their absolute end when a new one is made', () => {
    const c = clock();
    const s = new SessionStore({ now: c.now, idleMs: 10 * HOUR, maxAgeMs: HOUR });
    s.create(user);
    c.advance(HOUR);
    s.create(user);
    expect(s.size).toBe(1);
  });

  it('honours a custom idle time and forgets expired sessions when a new one is made', () => {
    const c = clock();
    const s = new SessionStore({ now: c.now, idleMs: 1000 });
    s.create(user);
    s.create(user);
    expect(s.size).toBe(2);
    c.advance(1000);
    s.create(user);
    expect(s.size).toBe(1);
  });

  it('logs out one token, or every session of a user', () => {
    const s = new SessionStore();
    const a = s.create(user);
    const b = s.create(user);
    const other = s.create({ ...user, username: 'u2' });
    expect(s.delete(a)).toBe(true);
    expect(s.get(a)).toBeNull();
    expect(s.get(b)).not.toBeNull();
    expect(s.deleteUser('u1')).toBe(1);
    expect(s.get(b)).toBeNull();
    expect(s.get(other)?.username).toBe('u2');
  });
});
