import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { UserInfo } from '../../shared/api.js';
import type { Permission } from '../../shared/permissions.js';
import { api, getStoredUser, storeSession } from '../api/client.js';
import { adminApi } from '../api/admin.js';

export const useAuth = defineStore('auth', () => {
  const user = ref<UserInfo | null>(getStoredUser());
  const loggedIn = computed(() => user.value !== null);

  function can(p: Permission): boolean {
    return user.value?.permissions.includes(p) ?? false;
  }

  async function login(username: string, password: string): Promise<void> {
    const r = await api.login(username, password);
    storeSession(r);
    user.value = r.user;
  }

  async function setup(password: string): Promise<void> {
    const r = await api.setup(password);
    storeSession(r);
    user.value = r.user;
  }

  /** The own password change (forced after a reset): the server answers with a fresh session. */
  async function changePassword(current: string, password: string): Promise<void> {
    const r = await adminApi.changePassword(current, password);
    storeSession(r);
    user.value = r.user;
  }

  /** Forgets the session locally; tells the server when it still can. */
  async function logout(): Promise<void> {
    try {
      if (user.value) await api.logout();
    } catch {
      // the token may already be gone server-side: leaving is still right
    }
    forget();
  }

  function forget(): void {
    storeSession(null);
    user.value = null;
  }

  return { user, loggedIn, can, login, setup, logout, forget, changePassword };
});
