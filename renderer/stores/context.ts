// The one renderer context every page reads (DESIGN.md "One context in the renderer"): the data
// scope the user narrowed to, and room for the data date and the comparison base the dashboards
// will add. The URL query is the truth (?org=…, so a view can be bookmarked and shared); this
// store mirrors it, keeps it across navigation (router.ts), and hands it to the API client.
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { RouteLocationNormalized, RouteLocationRaw } from 'vue-router';
import type { ScopeInfo } from '../../shared/scope.js';
import { SCOPE_PARAM } from '../../shared/scope.js';
import { api, setRequestScope } from '../api/client.js';

/** The query parameters the context owns; router.ts carries them from page to page. */
export const CONTEXT_PARAMS = [SCOPE_PARAM] as const;

export const useContext = defineStore('context', () => {
  /** the org the scope is narrowed to; null = the user's own scope */
  const org = ref<string | null>(null);
  /** for the dashboards (not used yet): the data date and the comparison base */
  const dataDate = ref<string | null>(null);
  const baseDate = ref<string | null>(null);
  /** what the server says the scope is (the top bar's label and the picker's tree) */
  const scope = ref<ScopeInfo | null>(null);
  const error = ref('');

  /** Takes an org (from the URL or the picker): the API client carries it from now on. */
  function adopt(next: string | null): void {
    if (next === org.value && scope.value) return;
    org.value = next;
    setRequestScope(next);
    void refresh();
  }

  async function refresh(): Promise<void> {
    try {
      scope.value = await api.scope();
      error.value = '';
    } catch (e) {
      // an org outside the user's scope (an old bookmark): back to the user's own scope
      scope.value = null;
      error.value = (e as Error).message;
      if (org.value !== null) {
        org.value = null;
        setRequestScope(null);
        scope.value = await api.scope().catch(() => null);
      }
    }
  }

  function reset(): void {
    org.value = null;
    setRequestScope(null);
    scope.value = null;
    dataDate.value = null;
    baseDate.value = null;
  }

  return { org, dataDate, baseDate, scope, error, adopt, refresh, reset };
});

/**
 * The router's guard (router.ts): a page opened without ?org= while a scope is picked keeps it
 * (the menu links carry no query), and the org of the URL is adopted before the page loads, so
 * its first request already carries it.
 */
export function contextGuard(to: RouteLocationNormalized): RouteLocationRaw | true {
  if (to.meta.public) return true;
  const ctx = useContext();
  const q = to.query[SCOPE_PARAM];
  const asked = typeof q === 'string' && q !== '' ? q : null;
  if (asked === null && ctx.org !== null) {
    return { path: to.path, query: { ...to.query, [SCOPE_PARAM]: ctx.org }, hash: to.hash, replace: true };
  }
  ctx.adopt(asked);
  return true;
}
