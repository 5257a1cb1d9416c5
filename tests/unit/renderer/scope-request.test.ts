// The API client carries the picked data scope (?org=) on the routes whose rows follow it, and
// on no other: an import or settings call must not gain a parameter it does not know.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setRequestScope, withScope } from '../../../renderer/api/scope.js';

afterEach(() => setRequestScope(null));

it('adds the picked org to scoped routes only', () => {
  expect(withScope('/api/home')).toBe('/api/home');
  setRequestScope('QZ100');
  expect(withScope('/api/home')).toBe('/api/home?org=QZ100');
  expect(withScope('/api/gaps?has=7&lacks=12')).toBe('/api/gaps?has=7&lacks=12&org=QZ100');
  expect(withScope('/api/gaps/export?format=csv')).toBe('/api/gaps/export?format=csv&org=QZ100');
  expect(withScope('/api/customers/C001/reveal')).toBe('/api/customers/C001/reveal?org=QZ100');
  expect(withScope('/api/scope')).toBe('/api/scope?org=QZ100');
  for (const unscoped of ['/api/import/batches', '/api/settings/crm/items', '/api/auth/me', '/api/homepage', '/api/users']) {
    expect(withScope(unscoped)).toBe(unscoped);
  }
  setRequestScope('总行 & 1');
  expect(withScope('/api/home')).toBe('/api/home?org=%E6%80%BB%E8%A1%8C%20%26%201');
});

// The assessment and bulletin screens pass the picked org themselves (AssessView, AssessRankingView,
// BulletinView and the target grid give ctx.org to assessApi/schemeApi), and a sheet's export names
// its own org in the same parameter. So /api/assess and /api/report stay out of the client's list:
// there the org would be sent twice (the server reads the first), and a sheet export's own org and
// the picker's could disagree. This pins both halves: no second org added, and the calls carry the
// org they are given exactly once.
describe('assessment and bulletin calls carry the org the screen passes, once', () => {
  const urls: string[] = [];
  beforeEach(() => {
    urls.length = 0;
    vi.stubGlobal('sessionStorage', { getItem: () => 'TOKEN1', setItem: () => undefined, removeItem: () => undefined });
    vi.stubGlobal('fetch', async (url: string) => {
      urls.push(url);
      return Response.json({}, { headers: { 'content-disposition': 'attachment; filename="x.pdf"' } });
    });
  });
  afterEach(() => vi.unstubAllGlobals());

  it('the picker set to QZ100: every read and export names org=QZ100 once; lock names none', async () => {
    // loaded by path: DOM code the node type-check does not follow (as in one-client.test.ts)
    const { assessApi, schemeApi } = (await import(/* @vite-ignore */ ASSESS)) as AssessModule;
    setRequestScope('QZ100');
    expect(withScope('/api/assess?period=2024-07')).toBe('/api/assess?period=2024-07');
    expect(withScope('/api/report/bulletin?date=2024-07-31')).toBe('/api/report/bulletin?date=2024-07-31');
    const org = 'QZ100';
    await assessApi.sheets({ period: '2024-07', org, all: true });
    await assessApi.ranking({ period: '2024-07', indicator: 'total', type: 'org', org });
    await assessApi.bulletin({ date: '2024-07-31', org, staff: null, lang: 'zh' });
    await assessApi.exportBulletin({ date: '2024-07-31', org, staff: null, lang: 'zh', format: 'pdf' });
    await assessApi.exportRanking({ period: '2024-07', indicator: 'total', type: 'org', org, lang: 'zh', format: 'xlsx' });
    await schemeApi.targets({ period: '2024-07', org });
    for (const u of urls) expect(new URL(u, 'http://x').searchParams.getAll('org'), u).toEqual(['QZ100']);
    // a sheet's export names the sheet's org (inside the picked one), not the picker's twice
    urls.length = 0;
    await assessApi.exportSheets({ period: '2024-07', org: 'QZ101', staff: null, lang: 'zh', format: 'pdf' });
    expect(new URL(urls[0], 'http://x').searchParams.getAll('org')).toEqual(['QZ101']);
    // whole-period actions are not narrowed by the picker (lock is the whole bank's)
    urls.length = 0;
    await assessApi.lock('2024-07');
    expect(new URL(urls[0], 'http://x').searchParams.getAll('org')).toEqual([]);
  });
});

// a variable, not a literal: the node type-check must not follow it into DOM code
const ASSESS = '../../../renderer/api/assess.js';

interface AssessModule {
  assessApi: {
    sheets(q: { period: string; org: string | null; all?: boolean }): Promise<unknown>;
    ranking(q: { period: string; indicator: string; type: string; org: string | null }): Promise<unknown>;
    bulletin(q: { date: string; org: string | null; staff: string | null; lang: string }): Promise<unknown>;
    exportBulletin(q: { date: string; org: string | null; staff: string | null; lang: string; format: string }): Promise<unknown>;
    exportRanking(q: { period: string; indicator: string; type: string; org: string | null; lang: string; format: string }): Promise<unknown>;
    exportSheets(q: { period: string; org: string | null; staff: string | null; lang: string; format: string }): Promise<unknown>;
    lock(period: string): Promise<unknown>;
  };
  schemeApi: { targets(q: { period: string; org: string | null }): Promise<unknown> };
}
