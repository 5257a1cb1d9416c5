// The password policy in the core, for every path that stores a password.
import { describe, expect, it } from 'vitest';
import { checkPassword } from '../../../electron/core/auth/password-policy.js';
import { createUser, markDemo, setupAdmin } from '../../../electron/core/auth/index.js';
import { tempDb } from '../auth/helpers.js';

const refused = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return (e as { code?: string; message: string });
  }
  return null;
};

describe('password policy', () => {
  it('needs 8 characters, counted as characters (not UTF-16 units)', () => {
    const { db } = tempDb();
    expect(refused(() => checkPassword(db, 'li.wei', 'abc1234'))).toMatchObject({ code: 'weak_password', message: /至少需要 8 个字符.*at least 8/ });
    expect(refused(() => checkPassword(db, 'li.wei', 'abcd1234'))).toBeNull();
    // 7 characters, 14 UTF-16 units: still too short
    expect(refused(() => checkPassword(db, 'li.wei', '𠈌𠈌𠈌𠈌𠈌𠈌𠈌'))).toMatchObject({ code: 'weak_password' });
  });

  it('refuses the user name, in any case, and a password containing it', () => {
    const { db } = tempDb();
    expect(refused(() => checkPassword(db, 'zhangsan', 'ZhangSan'))?.message).toMatch(/用户名.*user name/);
    expect(refused(() => checkPassword(db, 'zhangsan', 'my-zhangsan-2024'))?.message).toMatch(/包含用户名/);
    // a two-letter name is inside too many good passwords to forbid there, but not as the whole password
    expect(refused(() => checkPassword(db, 'li', 'olive-tree-9'))).toBeNull();
  });

  it('refuses the demo passwords except on the demo database', () => {
    const { db } = tempDb();
    for (const pw of ['admin123', 'demo123']) expect(refused(() => checkPassword(db, 'someone', pw))?.message).toMatch(/演示密码.*demo password/);
    markDemo(db);
    // on the demo bank they stay usable (they are printed on its login page), short or not
    for (const pw of ['admin123', 'demo123']) expect(refused(() => checkPassword(db, 'admin', pw))).toBeNull();
    expect(refused(() => checkPassword(db, 'someone', 'short'))).toMatchObject({ code: 'weak_password' });
  });

  it('is enforced by first-run setup and user creation', async () => {
    const { db } = tempDb();
    await expect(setupAdmin(db, 'admin123')).rejects.toMatchObject({ code: 'weak_password' });
    await expect(setupAdmin(db, 'superadmin9')).rejects.toMatchObject({ code: 'weak_password' }); // contains "admin"
    await expect(createUser(db, { username: 'wang', displayName: '王', role: 'lobby_manager', orgId: null, password: 'demo123' })).rejects.toMatchObject({ code: 'weak_password' });
    expect(db.prepare('SELECT count(*) FROM app_user').pluck().get()).toBe(0);
  });
});
