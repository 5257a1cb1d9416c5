// Administration calls (users, the audit log, one's own password), through the one client's
// request(): same token, same errors, same 401 handling.
import type { LoginResult } from '../../shared/api.js';
import type { AuditPage } from '../../shared/audit.js';
import type { AdminUser, NewUserRequest, OrgOption, UserUpdateRequest } from '../../shared/users.js';
import { dispositionName, json, request, send } from './client.js';

const enc = encodeURIComponent;

export const adminApi = {
  users: () => json<AdminUser[]>('/api/users'),
  orgs: () => json<OrgOption[]>('/api/users/orgs'),
  createUser: (u: NewUserRequest) => send<AdminUser>('POST', '/api/users', u),
  updateUser: (username: string, u: UserUpdateRequest) => send<AdminUser>('PUT', `/api/users/${enc(username)}`, u),
  setDisabled: (username: string, disabled: boolean) => send<AdminUser>('POST', `/api/users/${enc(username)}/${disabled ? 'disable' : 'enable'}`, {}),
  resetPassword: (username: string, password: string) => send<AdminUser>('POST', `/api/users/${enc(username)}/reset-password`, { password }),
  changePassword: (current: string, password: string) => send<LoginResult>('POST', '/api/auth/password', { current, password }),

  /** `params`: the audit page's filter as URL parameters (shared/audit.ts AuditFilterSchema). */
  audit: (params: URLSearchParams) => json<AuditPage>(`/api/audit?${params}`),
  async exportAudit(params: URLSearchParams, format: 'xlsx' | 'csv'): Promise<{ blob: Blob; fileName: string; rows: number }> {
    const p = new URLSearchParams(params);
    p.delete('before');
    p.delete('limit');
    p.set('format', format);
    const res = await request(`/api/audit/export?${p}`);
    return {
      blob: await res.blob(),
      fileName: dispositionName(res.headers.get('content-disposition')) ?? `audit.${format}`,
      rows: Number(res.headers.get('x-row-count') ?? 0),
    };
  },
};
