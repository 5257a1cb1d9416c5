import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from '../../../electron/core/auth/password.js';

describe('scrypt password hashes', () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const h = await hashPassword('correct horse 电池');
    expect(await verifyPassword('correct horse 电池', h)).toBe(true);
    expect(await verifyPassword('correct horse 电', h)).toBe(false);
    expect(await verifyPassword('', h)).toBe(false);
  });

  it('stores scrypt$N$r$p$salt$hash with a 16-byte salt, salted differently each time', async () => {
    const a = await hashPassword('same password');
    const b = await hashPassword('same password');
    expect(a).not.toBe(b);
    const [tag, N, r, p, salt, hash] = a.split('$');
    expect([tag, N, r, p]).toEqual(['scrypt', '32768', '8', '1']);
    expect(Buffer.from(salt, 'base64')).toHaveLength(16);
    // Recompute independently from the stored parameters: the format is what it claims to be.
    const again = crypto.scryptSync('same password', Buffer.from(salt, 'base64'), 32, {
      N: 32768, r: 8, p: 1, maxmem: 64 * 1024 * 1024,
    });
    expect(again.toString('base64')).toBe(hash);
  });

  it('treats a composed and a decomposed accent as the same password', async () => {
    const h = await hashPassword('caf\u00e9-secret');
    expect(await verifyPassword('cafe\u0301-secret', h)).toBe(true);
  });

  it('answers false, never throws, for a damaged or foreign hash', async () => {
    for (const bad of ['', 'plain', 'bcrypt$2b$10$abc', 'scrypt$x$8$1$AAAA$AAAA', 'scrypt$32768$8$1$$', 'scrypt$1073741824$8$1$AAAA$AAAA']) {
      expect(await verifyPassword('whatever', bad)).toBe(false);
    }
  });
});
