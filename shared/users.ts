// Shapes of user administration (用户管理): GET/POST /api/users, PUT /api/users/:username,
// POST /api/users/:username/{disable,enable,reset-password}, POST /api/auth/password.
import type { Role } from './permissions.js';

export interface AdminUser {
  username: string;
  displayName: string;
  role: Role | string; // a role this console does not know (a newer one wrote it) shows as its code
  orgId: string | null;
  orgName: string | null;
  disabled: boolean;
  mustChangePassword: boolean;
  createdAt: string; // ISO 8601, UTC
  updatedAt: string | null;
}

export interface NewUserRequest {
  username: string;
  displayName: string;
  role: Role;
  orgId: string | null;
  /** the first password; the user must change it at the first sign-in */
  password: string;
}

export interface UserUpdateRequest {
  displayName?: string;
  role?: Role;
  orgId?: string | null;
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
