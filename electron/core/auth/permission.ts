import type { Capabilities, SignedInUser, UserInfo } from '../../../shared/api.js';
import { PERMISSIONS, ROLE_LABELS, can, type Permission, type Role } from '../../../shared/permissions.js';
import { ForbiddenError, UnauthorizedError } from './errors.js';

const PERMISSION_LABELS: Record<Permission, string> = {
  'data:read': '查看数据',
  'import:read': '查看导入记录',
  'import:write': '导入数据',
  'customer:reveal': '查看客户敏感信息',
  export: '导出',
  'users:manage': '管理用户',
  'settings:write': '修改设置',
  'audit:read': '查看审计日志',
  'monitor:decide': '处理监测预警',
  'visit:write': '登记走访',
  'assess:write': '编辑绩效考核',
  'assess:unlock': '解锁考核期',
};

/**
 * Roles whose customer look-ups open the counter's quick check first: the lobby manager answers
 * "is this a customer, what do they hold, what do they need" at the counter. A matter of which
 * page comes first, not of access: the whole 360 stays one click away.
 */
const COUNTER_FIRST: readonly Role[] = ['lobby_manager'];

/**
 * Whether the user holds the permission. Both the role table and the user's own list must grant
 * it: the table so a permission removed from a role in code is removed at once, the list so a
 * user whose stored role this code does not know gets nothing.
 */
export function hasPermission(user: UserInfo | null | undefined, perm: Permission): boolean {
  return !!user && (PERMISSIONS as readonly string[]).includes(perm) && can(user.role, perm) && user.permissions.includes(perm);
}

/** The core's own check: throws unless the user holds the permission. */
export function requirePermission(user: UserInfo | null | undefined, perm: Permission): asserts user is UserInfo {
  if (!user) throw new UnauthorizedError();
  if (!hasPermission(user, perm)) {
    throw new ForbiddenError(
      `当前角色（${ROLE_LABELS[user.role]?.zh ?? user.role}）没有“${PERMISSION_LABELS[perm] ?? perm}”权限。 (Your role lacks the permission ${perm}.)`,
    );
  }
}

/** What the user may do, as flags for the renderer; every flag follows from the checks above. */
export function capabilitiesOf(user: UserInfo): Capabilities {
  const has = (p: Permission) => hasPermission(user, p);
  return {
    canReadData: has('data:read'),
    canReveal: has('customer:reveal'),
    canExport: has('export'),
    canExportUnmasked: has('export') && has('customer:reveal'),
    canViewImports: has('import:read'),
    canImport: has('import:write'),
    canAdmin: has('users:manage'),
    canEditSettings: has('settings:write'),
    canAudit: has('audit:read'),
    canDecideAlerts: has('monitor:decide'),
    canRecordVisits: has('visit:write'),
    canAssess: has('assess:write'),
    canUnlockAssessment: has('assess:unlock'),
    // a user with no permission (a role this code does not know) gets no special landing either
    lobbyView: user.permissions.length > 0 && COUNTER_FIRST.includes(user.role),
  };
}

/** The user with their capabilities, as login, setup, password change and GET /api/auth/me answer. */
export function signedInUser(user: UserInfo): SignedInUser {
  return { ...user, capabilities: capabilitiesOf(user) };
}
