import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { Capability, SignedInUser } from '../../shared/api.js';
import { api, getStoredUser, storeSession } from '../api/client.js';
import { adminApi } from '../api/admin.js';

export const useAuth = defineStore('auth', () => {
  const user = ref<SignedInUser | null>(getStoredUser());
  const loggedIn = computed(() => user.value !== null);

  /** What the core says the user may do (GET /api/auth/me); the core checks each call again. */
  function can(c: Capability): boolean {
    return user.value?.capabilities[c] ?? false;
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
