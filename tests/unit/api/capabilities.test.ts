// The session answers what the user may do as flags (GET /api/auth/me, and the login result),
// derived by the core from its permission table; the renderer routes and shows by them.
import { describe, expect, it } from 'vitest';
import type { Capabilities, LoginResult, SignedInUser } from '../../../shared/api.js';
import type { Role } from '../../../shared/permissions.js';
import { ensureDemoUsers } from '../../../electron/core/auth/index.js';
import { ROLES, tempApi } from './helpers.js';

// Written out from the role table of shared/permissions.ts (ROLE_PERMISSIONS), one row per role:
// admin holds every permission; 行长 all but users:manage and settings:write; 绩效专员 data,
// imports and export; 行长 and 绩效专员 also decide 预警 (monitor:decide); 绩效专员 edits the assessment (assess:write), only admin unlocks a period; 大堂经理 data:read only, and lands on the quick check; 客户经理 data,
// reveal and export; everyone but 大堂经理 records 走访 from the map (visit:write).
const EXPECTED: Record<Role, Capabilities> = {
  admin: { canReadData: true, canReveal: true, canExport: true, canExportUnmasked: true, canViewImports: true, canImport: true, canAdmin: true, canEditSettings: true, canAudit: true, canDecideAlerts: true, canRecordVisits: true, canAssess: true, canUnlockAssessment: true, lobbyView: false },
  branch_manager: { canReadData: true, canReveal: true, canExport: true, canExportUnmasked: true, canViewImports: true, canImport: true, canAdmin: false, canEditSettings: false, canAudit: true, canDecideAlerts: true, canRecordVisits: true, canAssess: false, canUnlockAssessment: false, lobbyView: false },
  performance_officer: { canReadData: true, canReveal: false, canExport: true, canExportUnmasked: false, canViewImports: true, canImport: true, canAdmin: false, canEditSettings: false, canAudit: false, canDecideAlerts: true, canRecordVisits: true, canAssess: true, canUnlockAssessment: false, lobbyView: false },
  lobby_manager: { canReadData: true, canReveal: false, canExport: false, canExportUnmasked: false, canViewImports: false, canImport: false, canAdmin: false, canEditSettings: false, canAudit: false, canDecideAlerts: false, canRecordVisits: false, canAssess: false, canUnlockAssessment: false, lobbyView: true },
  account_manager: { canReadData: true, canReveal: true, canExport: true, canExportUnmasked: true, canViewImports: false, canImport: false, canAdmin: false, canEditSettings: false, canAudit: false, canDecideAlerts: false, canRecordVisits: true, canAssess: false, canUnlockAssessment: false, lobbyView: false },
};

/** A route behind each single-permission flag: the flag must say what the route does. */
const ROUTE_OF: Partial<Record<keyof Capabilities, string>> = {
  canAdmin: '/api/users',
  canAudit: '/api/audit',
  canEditSettings: '/api/settings/scope',
  canViewImports: '/api/import/batches',
};

describe('capabilities', () => {
  it('GET /api/auth/me gives each role the flags of the permission table', async () => {
    const t = tempApi({ headOffice: true });
    expect(Object.keys(EXPECTED).sort()).toEqual([...ROLES].sort());
    for (const role of ROLES) {
      const res = await t.app.request('/api/auth/me', { headers: t.auth(role) });
      expect(res.status).toBe(200);
      const me = (await res.json()) as SignedInUser;
      expect(me.capabilities, role).toEqual(EXPECTED[role]);
    }
  });

  it('each flag agrees with the route it stands for', async () => {
    const t = tempApi({ headOffice: true });
    for (const role of ROLES) {
      for (const [flag, url] of Object.entries(ROUTE_OF) as [keyof Capabilities, string][]) {
        const res = await t.app.request(url, { headers: t.auth(role) });
        expect(res.status === 403, `${role} ${url} (${res.status})`).toBe(!EXPECTED[role][flag]);
      }
    }
  });

  it('the login answer carries them, and a role this code does not know gets none', async () => {
    const t = tempApi();
    await ensureDemoUsers(t.db);
    const login = async () => {
      const res = await t.app.request('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'datang', password: 'demo123' }) });
      expect(res.status).toBe(200);
      return ((await res.json()) as LoginResult).user.capabilities;
    };
    expect(await login()).toEqual(EXPECTED.lobby_manager);
    t.db.prepare("UPDATE app_user SET role = 'auditor_v9' WHERE username = 'datang'").run();
    expect(Object.values(await login()).every((v) => v === false)).toBe(true);
  });
});
