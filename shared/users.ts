// Shapes of user administration (用户管理): GET/POST /api/users, PUT /api/users/:username,
// POST /api/users/:username/{disable,enable,reset-password}, POST /api/auth/password.
import type { Role } from './permissions.js';

export interface AdminUser {
  username: string;
  displayName: string;
  role: Role | string; // a role this console does not know (a newer one wrote it) shows as its code
  orgId: string | null;
  orgName: string | null;
  /** the 员工号 the account stands for (a 客户经理 sees the customers whose 管户客户经理号 it is) */
  staffId: string | null;
  /** that staff member's name and org as imported; null when no such staff member is loaded */
  staffName: string | null;
  staffOrgName: string | null;
  /** what the administrator should look at: a 员工号 not in the loaded staff, or a 客户经理 with none
   *  (who then sees no customer while 客户经理 are limited to their own) */
  staffNote: StaffNote | null;
  disabled: boolean;
  mustChangePassword: boolean;
  createdAt: string; // ISO 8601, UTC
  updatedAt: string | null;
}

export type StaffNote = 'unknown_staff' | 'needs_staff';

export interface NewUserRequest {
  username: string;
  displayName: string;
  role: Role;
  orgId: string | null;
  /** 员工号; empty or absent links none */
  staffId?: string | null;
  /** the first password; the user must change it at the first sign-in */
  password: string;
}

export interface UserUpdateRequest {
  displayName?: string;
  role?: Role;
  orgId?: string | null;
  /** 员工号; null unlinks */
  staffId?: string | null;
}

export interface ResetPasswordRequest {
  password: string;
}

export interface ChangePasswordRequest {
  current: string;
  password: string;
}

/** An org to place a user in (the org select of the users page). */
export interface OrgOption {
  orgId: string;
  name: string;
  level: string | null;
  parentId: string | null;
}
