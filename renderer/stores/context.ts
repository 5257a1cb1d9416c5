// The one renderer context every page reads (DESIGN.md "One context in the renderer"): the data
// scope the user narrowed to, the data date, the comparison base and the staff member the
// dashboards follow. The URL query is the truth (?org=&date=&base=&staff=, so a view can be
// bookmarked and shared); this store mirrors it, keeps it across navigation (router.ts), and
// hands the org to the API client.
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { LocationQuery, RouteLocationNormalized, RouteLocationRaw } from 'vue-router';
import type { ScopeInfo } from '../../shared/scope.js';
import { SCOPE_PARAM } from '../../shared/scope.js';
import { BASE_KINDS, type BaseKind, type DataDay } from '../../shared/indicators.js';
import { isDay } from '../../shared/dates.js';
import { api, setRequestScope } from '../api/client.js';
import { dashboardApi } from '../api/dashboards.js';

export const DATE_PARAM = 'date';
export const BASE_PARAM = 'base';
export const STAFF_PARAM = 'staff';

/** The query parameters the context owns; router.ts carries them from page to page. */
export const CONTEXT_PARAMS = [SCOPE_PARAM, DATE_PARAM, BASE_PARAM, STAFF_PARAM] as const;
export type ContextParam = (typeof CONTEXT_PARAMS)[number];

/** The base when the URL names none: 比上月末, the comparison a branch reads first. */
export const DEFAULT_BASE: BaseKind = 'prev_month_end';

/** A base of the URL: one of BASE_KINDS but 'custom' (a custom base is its date), or a day. */
export function isBase(s: string): boolean {
  return (BASE_KINDS as readonly string[]).includes(s) ? s !== 'custom' : isDay(s);
}

/** The context's values in a query, each a non-empty string or null (a list or '' is none). */
export function contextOf(q: LocationQuery): Record<ContextParam, string | null> {
  const one = (k: string) => {
    const v = q[k];
    return typeof v === 'string' && v !== '' ? v : null;
  };
  return { org: one(SCOPE_PARAM), date: one(DATE_PARAM), base: one(BASE_PARAM), staff: one(STAFF_PARAM) };
}

export const useContext = defineStore('context', () => {
  /** the org the scope is narrowed to; null = the user's own scope */
  const org = ref<string | null>(null);
  /** the data date picked (null: the latest data day, which the date bar resolves) */
  const dataDate = ref<string | null>(null);
  /** the comparison base picked: a BASE_KINDS kind or a day (null: DEFAULT_BASE) */
  const base = ref<string | null>(null);
  /** the staff member the figures are narrowed to (inside the org scope); null = none */
  const staff = ref<string | null>(null);
  /** what the server says the scope is (the top bar's label and the picker's tree) */
  const scope = ref<ScopeInfo | null>(null);
  const error = ref('');
  /** the days holding data (GET /api/indicators/days), oldest first; null until loaded */
  const days = ref<DataDay[] | null>(null);
  /** the latest day with any dated data: the date when the URL names none */
  const latestDay = computed(() => {
    const d = days.value?.filter((x) => x.deposit || x.loan || x.acq_txn || x.visit) ?? [];
    return d.length ? d.reduce((a, b) => (b.date > a.date ? b : a)).date : null;
  });
  /** the date the figures are of: the picked one, else the latest data day */
  const effectiveDate = computed(() => dataDate.value ?? latestDay.value);

  /** Loads the data days again (an import may have added one since). */
  async function loadDays(): Promise<DataDay[]> {
    days.value = await dashboardApi.days();
    return days.value;
  }

  /** Takes an org (from the URL or the picker): the API client carries it from now on. */
  function adopt(next: string | null): void {
    if (next === org.value && scope.value) return;
    org.value = next;
    setRequestScope(next);
    void refresh();
  }

  /** Takes the date, base and staff of the URL (checked shapes only: a bad one is as if absent). */
  function adoptFigures(q: { date: string | null; base: string | null; staff: string | null }): void {
    dataDate.value = q.date !== null && isDay(q.date) ? q.date : null;
    base.value = q.base !== null && isBase(q.base) ? q.base : null;
    staff.value = q.staff;
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
    base.value = null;
    staff.value = null;
    days.value = null;
  }

  return { org, dataDate, base, staff, scope, error, days, latestDay, effectiveDate, adopt, adoptFigures, refresh, loadDays, reset };
});

/**
 * The router's guard (router.ts): a page opened without the context's parameters while some are
 * picked keeps them (the menu links carry no query), and the URL's values are adopted before the
 * page loads, so its first request already carries them.
 */
export function contextGuard(to: RouteLocationNormalized): RouteLocationRaw | true {
  if (to.meta.public) return true;
  const ctx = useContext();
  const asked = contextOf(to.query);
  const held: Record<ContextParam, string | null> = { org: ctx.org, date: ctx.dataDate, base: ctx.base, staff: ctx.staff };
  // a page that clears a value sets the store first (as the scope picker does), then navigates
  const missing = CONTEXT_PARAMS.filter((k) => asked[k] === null && held[k] !== null);
  if (missing.length) {
    const query = { ...to.query };
    for (const k of missing) query[k] = held[k];
    return { path: to.path, query, hash: to.hash, replace: true };
  }
  ctx.adopt(asked.org);
  ctx.adoptFigures(asked);
  return true;
}
