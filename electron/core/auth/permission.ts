import type { UserInfo } from '../../../shared/api.js';
import { PERMISSIONS, ROLE_LABELS, can, type Permission } from '../../../shared/permissions.js';
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
};

/**
 * The core's own check: throws unless the user's role grants the permission. Both the role table
 * and the user's own list must grant it: the table so a permission removed from a role in code is
 * removed at once, the list so a user whose stored role this code does not know gets nothing.
 */
export function requirePermission(user: UserInfo | null | undefined, perm: Permission): asserts user is UserInfo {
  if (!user) throw new UnauthorizedError();
  if (!(PERMISSIONS as readonly string[]).includes(perm) || !can(user.role, perm) || !user.permissions.includes(perm)) {
    throw new ForbiddenError(
      `当前角色（${ROLE_LABELS[user.role]?.zh ?? user.role}）没有“${PERMISSION_LABELS[perm] ?? perm}”权限。 (Your role lacks the permission ${perm}.)`,
    );
  }
}

export function hasPermission(user: UserInfo | null | undefined, perm: Permission): boolean {
  return !!user && can(user.role, perm) && user.permissions.includes(perm);
}
