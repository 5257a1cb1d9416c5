// One customer, one masked name: the 360, the quick check, the search, the gap list and the gap
// export must show the same mask, taken over the real routes on the hand-built bank of the search
// tests plus two customers whose type and look disagree.
import Papa from 'papaparse';
import { beforeEach, expect, it } from 'vitest';
import type { Customer360, GapPage, QuickCheck, SearchResult } from '../../../shared/crm.js';
import { buildBank, DATE } from '../crm/search/bank.js';
import { tempApi, type TestApi } from './helpers.js';

// expected masks worked out by hand from the rules of shared/masking.ts
// `phone`: what the search box is given (the phone of the two added customers, else the customer number)
const CASES = [
  // 个体工商户 whose name has no business word: a business keeps the last two (1 + 2 stars + 2)
  { id: 'X001', name: '林国栋建材', type: '个体工商户', phone: '13900000101', masked: '林**建材' },
  // a person with an 8-character name: first and last kept, 6 stars (not the company's 2 + 4)
  { id: 'X002', name: '阿依古丽·买买提', type: '个人', phone: '13900000102', masked: '阿******提' },
  // the hostile name of bank.ts (…09, 个人, 38 characters): a person's mask, 36 stars
  { id: '6200000009', name: '', type: '个人', phone: '6200000009', masked: `=${'*'.repeat(36)})` },
  // a company: first 2 and last 4
  { id: '6200000005', name: '', type: '小微企业', phone: '6200000005', masked: '泉州****有限公司' },
];

let t: TestApi;
beforeEach(() => {
  t = tempApi();
  buildBank(t.db);
  for (const c of CASES.filter((x) => x.name)) {
    t.db.prepare("INSERT INTO customer (cust_id, name, cust_type, phone, org_id) VALUES (?, ?, ?, ?, 'B1')").run(c.id, c.name, c.type, c.phone);
    t.db.prepare('INSERT INTO customer_holding (data_date, cust_id, mask, coverage, avg_assets, star) VALUES (?, ?, 1, 1, 100, 1)').run(DATE, c.id);
  }
});

async function get<T>(path: string): Promise<T> {
  const res = await t.app.request(path, { headers: t.auth('admin') });
  expect(res.status, path).toBe(200);
  return (path.includes('/export') ? ((await res.text()) as unknown) : await res.json()) as T;
}

it('shows the same masked name in the 360, quick check, search, gap list and export', async () => {
  const gaps = await get<GapPage>(`/api/gaps?limit=200&date=${DATE}`);
  const csv = Papa.parse<string[]>((await get<string>(`/api/gaps/export?format=csv&date=${DATE}`)).replace(/^\uFEFF/, '')).data;
  const exported = new Map(csv.slice(2).map((r) => [r[0], r[1]]));
  for (const c of CASES) {
    const seen = {
      '360': (await get<Customer360>(`/api/customers/${c.id}?date=${DATE}`)).identity.name,
      quick: (await get<QuickCheck>(`/api/customers/${c.id}/quick?date=${DATE}`)).name,
      search: (await get<SearchResult>(`/api/customers/search?q=${encodeURIComponent(c.phone)}&date=${DATE}`)).matches.find((m) => m.custId === c.id)?.name,
      gaps: gaps.rows.find((r) => r.custId === c.id)?.name,
      // the export neutralises a leading = with a quote; the mask behind it is the same
      export: exported.get(c.id)?.replace(/^'/, ''),
    };
    expect(seen, c.id).toEqual({ '360': c.masked, quick: c.masked, search: c.masked, gaps: c.masked, export: c.masked });
  }
});
