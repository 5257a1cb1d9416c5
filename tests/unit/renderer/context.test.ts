// The one context (renderer/stores/context.ts): org, date, base and staff live in the URL, and a
// page opened without them (a menu link) gets the held ones back, so they survive moving between
// pages; a bad date or base in the URL is not adopted.
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';

// DOM code (the API client reads sessionStorage): loaded by a path the node type-check does not follow
interface Ctx {
  useContext(): { org: string | null; dataDate: string | null; base: string | null; staff: string | null; effectiveDate: string | null; days: unknown };
  contextGuard(to: unknown): unknown;
  isBase(s: string): boolean;
}
const CONTEXT = '../../../renderer/stores/context.js';
const load = async () => (await import(/* @vite-ignore */ CONTEXT)) as Ctx;

const route = (path: string, query: Record<string, string>) => ({ path, query, hash: '', meta: {} });

beforeEach(() => {
  setActivePinia(createPinia());
  const store = new Map<string, string>();
  vi.stubGlobal('sessionStorage', { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => store.set(k, v), removeItem: (k: string) => store.delete(k) });
  vi.stubGlobal('fetch', async () => Response.json({ wholeBank: true, org: null, manager: null, base: { wholeBank: true, org: null }, orgs: [], emptyReason: null }));
});
afterEach(() => vi.unstubAllGlobals());

it('adopts the URL, then carries it to a page opened without it', async () => {
  const { useContext, contextGuard } = await load();
  const ctx = useContext();
  expect(contextGuard(route('/dashboards/loan', { org: 'QZ101', date: '2024-07-15', base: 'year_ago', staff: 'S001' }))).toBe(true);
  expect([ctx.org, ctx.dataDate, ctx.base, ctx.staff]).toEqual(['QZ101', '2024-07-15', 'year_ago', 'S001']);
  // a menu link carries no query: the guard sends the page to the same URL with the context
  expect(contextGuard(route('/home', {}))).toEqual({
    path: '/home',
    query: { org: 'QZ101', date: '2024-07-15', base: 'year_ago', staff: 'S001' },
    hash: '',
    replace: true,
  });
  // a URL naming a value keeps it; the others are carried
  expect(contextGuard(route('/dashboards/quality', { date: '2024-06-30' }))).toEqual({
    path: '/dashboards/quality',
    query: { date: '2024-06-30', org: 'QZ101', base: 'year_ago', staff: 'S001' },
    hash: '',
    replace: true,
  });
});

it('a bad date or base in the URL is not adopted; a custom base is a day', async () => {
  const { useContext, contextGuard, isBase } = await load();
  const ctx = useContext();
  contextGuard(route('/dashboards/overview', { date: '2024-02-30', base: 'custom' }));
  expect(ctx.dataDate).toBeNull();
  expect(ctx.base).toBeNull();
  contextGuard(route('/dashboards/overview', { date: '2024-02-29', base: '2023-12-31' }));
  expect(ctx.dataDate).toBe('2024-02-29');
  expect(ctx.base).toBe('2023-12-31');
  expect(isBase('prev_quarter_end')).toBe(true);
  expect(isBase('custom')).toBe(false);
  expect(isBase('2024-13-01')).toBe(false);
});

it('the date defaults to the latest day holding data', async () => {
  const { useContext } = await load();
  const ctx = useContext();
  const day = (date: string, any: boolean) => ({ date, deposit: any, loan: false, acq_txn: false, visit: false });
  ctx.days = [day('2024-06-30', true), day('2024-07-31', true), day('2024-08-01', false)];
  expect(ctx.effectiveDate).toBe('2024-07-31');
  ctx.dataDate = '2024-07-02';
  expect(ctx.effectiveDate).toBe('2024-07-02');
});
