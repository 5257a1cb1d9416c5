// Roles and what each may do. The core checks these on every API route; the renderer only uses
// them to hide what a user could not do anyway.

export const ROLES = ['admin', 'branch_manager', 'lobby_manager', 'performance_officer', 'account_manager'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, { zh: string; en: string }> = {
  admin: { zh: '系统管理员', en: 'Administrator' },
  branch_manager: { zh: '行长', en: 'Branch manager' },
  lobby_manager: { zh: '大堂经理', en: 'Lobby manager' },
  performance_officer: { zh: '绩效专员', en: 'Performance officer' },
  account_manager: { zh: '客户经理', en: 'Account manager' },
};

export const PERMISSIONS = [
  'data:read', // dashboards, home, lists (masked)
  'import:read', // import history and its rejected rows
  'import:write', // import files, undo batches, edit mapping profiles
  'customer:reveal', // see personal data unmasked (audited)
  'export', // export lists and reports
  'users:manage',
  'settings:write',
  'audit:read',
  'monitor:decide', // confirm, dismiss or reopen monitoring alerts (预警), run and back-test the rules
  'visit:write', // record a 走访 from the map (stored like an imported visit, undoable)
  'assess:write', // 绩效考核: schemes, targets, adjustments, lock (= publish) a period
  'assess:unlock', // unlock a locked (published) assessment period: administrators only
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: PERMISSIONS,
  branch_manager: ['data:read', 'import:read', 'import:write', 'customer:reveal', 'export', 'audit:read', 'monitor:decide', 'visit:write'],
  performance_officer: ['data:read', 'import:read', 'import:write', 'export', 'monitor:decide', 'visit:write', 'assess:write'],
  lobby_manager: ['data:read'],
  // sees their org's customers, or only the ones they manage (electron/core/scope, a setting)
  // they make the 走访 (visit:write: record one from the map)
  account_manager: ['data:read', 'customer:reveal', 'export', 'visit:write'],
};

export function can(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role]?.includes(permission) ?? false;
}
