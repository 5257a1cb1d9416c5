import { describe, expect, it } from 'vitest';
import type { UserInfo } from '../../../shared/api.js';
import { PERMISSIONS, ROLES, ROLE_PERMISSIONS } from '../../../shared/permissions.js';
import { ForbiddenError, UnauthorizedError, requirePermission } from '../../../electron/core/auth/index.js';

const userOf = (role: (typeof ROLES)[number]): UserInfo => ({
  username: role, displayName: role, role, orgId: null, permissions: [...ROLE_PERMISSIONS[role]],
});

describe('requirePermission', () => {
  it('refuses a lobby manager import and export with a 403 error', () => {
    const lobby = userOf('lobby_manager');
    for (const p of ['import:write', 'import:read', 'export', 'audit:read'] as const) {
      let caught: unknown;
      try {
        requirePermission(lobby, p);
      } catch (e) {
        caught = e;
      }
      expect(caught).toBeInstanceOf(ForbiddenError);
      expect((caught as ForbiddenError).status).toBe(403);
      expect((caught as ForbiddenError).message).toMatch(/大堂经理/);
    }
    expect(() => requirePermission(lobby, 'data:read')).not.toThrow();
  });

  it('refuses nobody with 401', () => {
    expect(() => requirePermission(null, 'data:read')).toThrow(UnauthorizedError);
  });

  it('matches the role table for every role and permission', () => {
    for (const role of ROLES) {
      for (const p of PERMISSIONS) {
        const allowed = (ROLE_PERMISSIONS[role] as readonly string[]).includes(p);
        if (allowed) expect(() => requirePermission(userOf(role), p)).not.toThrow();
        else expect(() => requirePermission(userOf(role), p)).toThrow(ForbiddenError);
      }
    }
  });

  it('does not trust a permission list the role does not grant', () => {
    const forged: UserInfo = { ...userOf('lobby_manager'), permissions: [...PERMISSIONS] };
    expect(() => requirePermission(forged, 'import:write')).toThrow(ForbiddenError);
  });
});
