// `branch-console route`: issue 11's JSON contract on a bank built by hand (who is a candidate and
// in which rank worked out in the comments; the total checked by brute force with @turf/distance),
// --stops, and the refusals; then on the small demo bank, where the stops are checked against
// independent queries and the reasons against the quick check's recommendations.
import fs from 'node:fs';
import path from 'node:path';
import distance from '@turf/distance';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../../../electron/core/db/connection.js';
import { quickCheck } from '../../../electron/core/crm/quick-check.js';
import { importPaths } from '../../../electron/core/import/index.js';
import { wholeBankScope } from '../../../electron/core/scope/index.js';
import { addDays } from '../../../shared/dates.js';
import { generateDemoBank } from '../../../seeds/index.js';
import { tmpDir, write } from '../import/helpers.js';
import { cli } from './run-cli.js';

type Pt = { lng: number; lat: number };
const metres = (a: Pt, b: Pt) => distance([a.lng, a.lat], [b.lng, b.lat], { units: 'meters' });

/** Shortest closed tour from `start` through `pts`, by trying every order. */
function bruteForce(start: Pt, pts: Pt[]): number {
  let best = Infinity;
  const perm = (rest: Pt[], at: Pt, acc: number) => {
    if (!rest.length) return void (best = Math.min(best, acc + metres(at, start)));
    rest.forEach((p, i) => perm([...rest.slice(0, i), ...rest.slice(i + 1)], p, acc + metres(at, p)));
  };
  perm(pts, start, 0);
  return best;
}

const square = (x: number, y: number) => ({ type: 'Polygon', coordinates: [[[x, y], [x + 0.1, y], [x + 0.1, y + 0.1], [x, y + 0.1], [x, y]]] });

let dir: string;
let db: string;

beforeAll(() => {
  dir = tmpDir();
  write(dir, 'in/org.csv', '机构号,机构名称,上级机构号,机构层级,经度,纬度\nH,总行,,总行,118.5,24.8\nB1,一支行,H,支行,118.60,24.90\nB2,二支行,H,支行,,\n');
  write(dir, 'in/staff.csv', '员工号,姓名,所属机构号\nE1,甲,B1\nE2,乙,B2\nE3,丙,B1\n');
  write(
    dir,
    'in/grid.geojson',
    JSON.stringify({
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { 网格编号: 'G1', 网格名称: '一村', 所属机构号: 'B1', 网格责任人: 'E1' }, geometry: square(118.55, 24.85) },
        { type: 'Feature', properties: { 网格编号: 'G2', 网格名称: '二村', 所属机构号: 'B2', 网格责任人: 'E2' }, geometry: square(118.75, 24.85) },
      ],
    }),
  );
  // E1's candidates: C1 (个体工商户: the rule individual-acquiring offers 收单商户) and C8 hold nothing, C2 one item (活期), C7 two (活期 + a loan); C3 was visited
  // 2024-06-01 (inside the 90 days up to 07-31, which start 05-03); C8 on 04-30 (before them);
  // C4 is E2's, C5 has no point, C6 lies in E2's grid G2. C11 has no 网格编号 but its point lies in G1
  // (placed by point-in-polygon) and holds two items like C7. E3 owns no grid: their customers with a grid (C9).
  write(
    dir,
    'in/customer.csv',
    '客户号,客户名称,客户类型,所属机构号,管户客户经理号,网格编号,经度,纬度\n' +
      'C1,张三商行,个体工商户,B1,E1,G1,118.61,24.90\n' +
      'C2,李四,个人,B1,E1,G1,118.61,24.91\n' +
      'C3,王五,个人,B1,E1,G1,118.62,24.91\n' +
      'C4,赵六,个人,B2,E2,G1,118.60,24.92\n' +
      'C5,钱七,个人,B1,E1,G1,,\n' +
      'C6,孙八,个人,B1,E1,G2,118.80,24.90\n' +
      'C7,周九,个人,B1,E1,G1,118.60,24.91\n' +
      'C8,吴十,个人,B1,E1,G1,118.62,24.90\n' +
      'C9,郑一,个人,B1,E3,G2,118.78,24.88\n' +
      'C10,冯二,个人,B1,E3,,118.70,24.80\n' +
      'C11,陈三,个人,B1,E1,,118.59,24.92\n',
  );
  write(dir, 'in/deposit.csv', '数据日期,账号,客户号,存款种类,账户余额,归属客户经理号\n2024-07-31,D2,C2,活期,100,E1\n2024-07-31,D7,C7,活期,100,E1\n2024-07-31,D11,C11,活期,100,E1\n');
  write(dir, 'in/loan.csv', '数据日期,借据号,客户号,发放日期,贷款金额,贷款余额,担保方式,五级分类,逾期天数,经办客户经理号\n2024-07-31,L7,C7,2024-01-01,1000,900,信用,正常,0,E1\n2024-07-31,L11,C11,2024-01-01,1000,900,信用,正常,0,E1\n');
  write(dir, 'in/visit.csv', '走访编号,走访时间,走访人员号,客户号\nV1,2024-06-01 10:00:00,E1,C3\nV2,2024-04-30 10:00:00,E1,C8\n');
  db = path.join(dir, 'bank.sqlite');
  const r = cli('import', '--db', db, path.join(dir, 'in'));
  expect(r.status, r.stderr + r.stdout).toBe(0);
});

describe('route on a bank built by hand', () => {
  it('prints the contract: E1 from B1 through C1, C8, C2, C7, C11 in the shortest order, legs summing to the total', () => {
    const r = cli('route', '--db', db, '--date', '2024-07-31', '--staff', 'E1', '--json');
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(['staff', 'start', 'stops', 'legs_m', 'total_m']);
    expect(out.staff).toBe('E1');
    expect(out.start).toEqual({ org_id: 'B1', lng: 118.6, lat: 24.9 });
    expect(out.stops.map((s: { cust_id: string }) => s.cust_id).sort()).toEqual(['C1', 'C11', 'C2', 'C7', 'C8']);
    for (const s of out.stops) expect(Object.keys(s)).toEqual(['cust_id', 'lng', 'lat', 'reasons']);
    // one leg per stop plus the way back
    expect(out.legs_m).toHaveLength(6);
    const pts: Pt[] = [out.start, ...out.stops, out.start];
    out.legs_m.forEach((leg: number, i: number) => expect(leg).toBeCloseTo(metres(pts[i], pts[i + 1]), 3));
    expect(out.total_m).toBeCloseTo(out.legs_m.reduce((a: number, b: number) => a + b, 0), 6);
    const brute = bruteForce(out.start, [
      { lng: 118.61, lat: 24.9 },
      { lng: 118.61, lat: 24.91 },
      { lng: 118.6, lat: 24.91 },
      { lng: 118.62, lat: 24.9 },
      { lng: 118.59, lat: 24.92 },
    ]);
    expect(out.total_m).toBeCloseTo(brute, 3);
  });

  it('--max keeps the most missing items first: C1 and C8 hold nothing; their reasons from the recommendation rules', () => {
    const out = JSON.parse(cli('route', '--db', db, '--date', '2024-07-31', '--staff', 'E1', '--max', '2', '--json').stdout);
    expect(out.stops.map((s: { cust_id: string }) => s.cust_id).sort()).toEqual(['C1', 'C8']);
    const three = JSON.parse(cli('route', '--db', db, '--date', '2024-07-31', '--staff', 'E1', '--max', '3', '--json').stdout);
    expect(three.stops.map((s: { cust_id: string }) => s.cust_id).sort()).toEqual(['C1', 'C2', 'C8']);
    // C1: 个体工商户 holding nothing, star 0: of the default rules only individual-acquiring applies;
    // C8 (个人, nothing held, star 0): none applies
    const byId = Object.fromEntries(out.stops.map((s: { cust_id: string; reasons: string[] }) => [s.cust_id, s.reasons]));
    expect(byId).toEqual({ C1: ['收单商户'], C8: [] });
  });

  it('a staff member with no grid of their own: their customers that have a grid (C9, not C10, whose point lies in no grid)', () => {
    const out = JSON.parse(cli('route', '--db', db, '--date', '2024-07-31', '--staff', 'E3', '--json').stdout);
    expect(out.stops.map((s: { cust_id: string }) => s.cust_id)).toEqual(['C9']);
    // there and back: twice the one leg
    expect(out.total_m).toBeCloseTo(2 * metres({ lng: 118.6, lat: 24.9 }, { lng: 118.78, lat: 24.88 }), 3);
  });

  it('--stops replaces the set: customers keep their reasons, other ids get none', () => {
    const f = path.join(dir, 'stops.json');
    fs.writeFileSync(f, JSON.stringify([{ id: 'C1', lng: 118.61, lat: 24.9 }, { id: 'SHOP-1', lng: 118.63, lat: 24.92 }]));
    const out = JSON.parse(cli('route', '--db', db, '--date', '2024-07-31', '--staff', 'E1', '--stops', f, '--json').stdout);
    const byId = Object.fromEntries(out.stops.map((s: { cust_id: string }) => [s.cust_id, s]));
    expect(Object.keys(byId).sort()).toEqual(['C1', 'SHOP-1']);
    expect(byId['SHOP-1'].reasons).toEqual([]);
    expect(byId.C1.reasons).toEqual(['收单商户']);
  });

  it('refuses with a sentence naming the file and entry, the org without coordinates, the unknown staff', () => {
    const bad = path.join(dir, 'bad.json');
    fs.writeFileSync(bad, JSON.stringify([{ id: 'C1', lng: 118.61, lat: 24.9 }, { id: 'C2', lng: 'east', lat: 24.9 }]));
    const r = cli('route', '--db', db, '--date', '2024-07-31', '--staff', 'E1', '--stops', bad, '--json');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(bad);
    expect(r.stderr).toMatch(/第 2 项 \(entry 2\)/);
    expect(r.stderr).toMatch(/lng/);
    const notJson = path.join(dir, 'not.json');
    fs.writeFileSync(notJson, '[{"id": ');
    expect(cli('route', '--db', db, '--date', '2024-07-31', '--staff', 'E1', '--stops', notJson).stderr).toContain(notJson);
    const e2 = cli('route', '--db', db, '--date', '2024-07-31', '--staff', 'E2', '--json');
    expect(e2.status).toBe(2);
    expect(e2.stderr).toMatch(/二支行（B2）没有经纬度/);
    expect(cli('route', '--db', db, '--date', '2024-07-31', '--staff', 'NOBODY').stderr).toMatch(/NOBODY/);
    expect(cli('route', '--db', db, '--date', '2024-02-30', '--staff', 'E1').stderr).toMatch(/2024-02-30/);
    expect(cli('route', '--db', db, '--date', '2024-07-31', '--staff', 'E1', '--max', '0').status).toBe(2);
  });
});

describe('route on the small demo bank', () => {
  let demo: string;
  let bank: ReturnType<typeof openDb>;
  const DATE = '2024-07-31';
  beforeAll(async () => {
    const d = tmpDir();
    const seed = await generateDemoBank({ outDir: path.join(d, 'exports'), scale: 'small' });
    demo = path.join(d, 'bank.sqlite');
    bank = openDb(demo);
    for (const r of await importPaths(bank, seed.files)) if (r.error) throw new Error(`${r.file}: ${r.error}`);
  }, 300_000);
  afterAll(() => bank?.close());

  it("the busiest grid owner's route: their unvisited customers in their grids, the reasons of the quick check", () => {
    // the owner with the most customers in their own grids, by a query of its own
    const staff = bank
      .prepare(
        `SELECT g.owner_staff_id FROM grid g JOIN customer c ON c.grid_id = g.grid_id AND c.manager_id = g.owner_staff_id
          WHERE c.lng IS NOT NULL GROUP BY g.owner_staff_id ORDER BY count(*) DESC, g.owner_staff_id LIMIT 1`,
      )
      .pluck()
      .get() as string;
    const r = cli('route', '--db', demo, '--date', DATE, '--staff', staff, '--max', '12', '--json');
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.stops.length).toBeGreaterThan(0);
    expect(out.stops.length).toBeLessThanOrEqual(12);
    const org = bank.prepare('SELECT o.org_id, o.lng, o.lat FROM staff s JOIN org o ON o.org_id = s.org_id WHERE s.staff_id = ?').get(staff);
    expect(out.start).toEqual(org);
    const from = addDays(DATE, -89);
    for (const s of out.stops) {
      const c = bank.prepare('SELECT manager_id, grid_id, lng, lat FROM customer WHERE cust_id = ?').get(s.cust_id) as { manager_id: string; grid_id: string; lng: number; lat: number };
      expect(c.manager_id).toBe(staff);
      expect(bank.prepare('SELECT owner_staff_id FROM grid WHERE grid_id = ?').pluck().get(c.grid_id)).toBe(staff);
      expect([s.lng, s.lat]).toEqual([c.lng, c.lat]);
      expect(bank.prepare("SELECT count(*) FROM visit WHERE cust_id = ? AND substr(visit_time, 1, 10) BETWEEN ? AND ?").pluck().get(s.cust_id, from, DATE)).toBe(0);
      const qc = quickCheck(bank, s.cust_id, wholeBankScope(), { date: DATE })!;
      expect(s.reasons).toEqual(qc.recommendations.map((x) => x.itemName));
    }
    const pts: Pt[] = [out.start, ...out.stops, out.start];
    expect(out.legs_m).toHaveLength(out.stops.length + 1);
    out.legs_m.forEach((leg: number, i: number) => expect(leg).toBeCloseTo(metres(pts[i], pts[i + 1]), 3));
    expect(out.total_m).toBeCloseTo(out.legs_m.reduce((a: number, b: number) => a + b, 0), 6);
  }, 120_000);
});
