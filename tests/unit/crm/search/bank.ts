// A small bank built by hand for the search, gap, coverage and export tests. The holdings of
// 2024-07-31 are written straight into customer_holding (and marked fresh in derived_state), so
// every expected list in the tests is read off the table below, not computed by the holdings code.
//
//   H 总行 ── B1 城东支行 ── S11 东一分理处
//          └─ B2 城西支行 ── S21 西一分理处
//   staff: M1 王经理 (B1), M2 李经理 (S11), M3 陈经理 (B2)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDb, type Db } from '../../../../electron/core/db/connection.js';

export const DATE = '2024-07-31';
export const OLD_DATE = '2024-06-30';

export interface Cust {
  id: string;
  name: string;
  type: '个人' | '个体工商户' | '小微企业';
  org: string;
  mgr: string | null;
  grid: string | null;
  birth: string | null;
  phone: string | null;
  idNo: string | null;
  held: number[]; // item ids held on DATE
  star: number;
  avg: number; // 月日均金融资产, 分
  cards?: string[]; // card_no_masked
}

export const CUSTS: Cust[] = [
  { id: '6200000001', name: '张秀英', type: '个人', org: 'S11', mgr: 'M2', grid: 'G1', birth: '1990-01-01', phone: '13800000001', idNo: '350502199001011234', held: [1, 7, 10, 15], star: 3, avg: 8_000_000, cards: ['622848******4321'] },
  { id: '6200000002', name: '张秀英', type: '个人', org: 'B1', mgr: 'M1', grid: 'G1', birth: '1985-08-01', phone: '13800000002', idNo: '35050219850801223X', held: [1, 2, 7, 10, 11, 12], star: 5, avg: 60_000_000 },
  { id: '6200000003', name: '张晓燕', type: '个人', org: 'S21', mgr: 'M3', grid: 'G2', birth: '2000-07-31', phone: '13800000003', idNo: '350502200007313456', held: [7], star: 1, avg: 100_000 },
  { id: '6200000004', name: '曾小明', type: '个人', org: 'B2', mgr: 'M3', grid: 'G2', birth: '1964-08-01', phone: '13800000004', idNo: '350502196408014567', held: [1, 7, 8, 15, 16, 17], star: 2, avg: 2_000_000, cards: ['621700******8888', '622848******4321'] },
  { id: '6200000005', name: '泉州鑫达贸易有限公司', type: '小微企业', org: 'B1', mgr: 'M1', grid: null, birth: null, phone: '13800000005', idNo: '91350500MA2Y0X1X1A', held: [1, 4, 5, 14], star: 4, avg: 30_000_000 },
  { id: '6200000006', name: '鲤城张记小吃店', type: '个体工商户', org: 'S11', mgr: 'M2', grid: 'G1', birth: '1970-03-15', phone: '13800000006', idNo: '350502197003155678', held: [1, 7, 10, 13, 14], star: 2, avg: 1_500_000 },
  { id: '6200000007', name: '张秀兰', type: '个人', org: 'S11', mgr: null, grid: null, birth: '1995-12-31', phone: null, idNo: null, held: [], star: 1, avg: 0 },
  { id: '6200000008', name: '李秀英', type: '个人', org: 'S21', mgr: 'M3', grid: 'G2', birth: '1978-02-28', phone: '13800000008', idNo: '350502197802286789', held: [1, 2, 3, 10], star: 4, avg: 25_000_000 },
  { id: '6200000009', name: '=HYPERLINK("http://evil.example","点我")', type: '个人', org: 'B2', mgr: 'M3', grid: null, birth: '1999-01-01', phone: '+8613800000009', idNo: null, held: [10], star: 1, avg: 50_000 },
  { id: '6200000010', name: '<img src=x onerror=alert(1)>', type: '个人', org: 'S21', mgr: 'M3', grid: null, birth: null, phone: null, idNo: null, held: [], star: 1, avg: 0 },
  { id: 'KH00000011', name: 'O\'Brien "张"', type: '个人', org: 'H', mgr: null, grid: null, birth: null, phone: '13800000011', idNo: null, held: [1], star: 2, avg: 1_000_000 },
  { id: '6200000012', name: '单田芳', type: '个人', org: 'B2', mgr: 'M3', grid: 'G2', birth: '1934-07-01', phone: '13800000012', idNo: '350502193407010011', held: [1, 10], star: 3, avg: 6_000_000 },
  { id: '6200000013', name: '张秀英华', type: '个人', org: 'S21', mgr: 'M3', grid: 'G2', birth: '1980-05-05', phone: '13800000013', idNo: '350502198005050022', held: [1, 2, 3, 5, 7, 10, 11, 12, 15], star: 5, avg: 80_000_000 },
];

export const byId = (id: string) => CUSTS.find((c) => c.id === id)!;
export const maskOf = (held: number[]) => held.reduce((m, i) => m | (1 << (i - 1)), 0);

export function tempBank(): { db: Db; dir: string; file: string; close: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-search-'));
  const file = path.join(dir, 'bank.sqlite');
  const db = openDb(file);
  buildBank(db);
  return { db, dir, file, close: () => { db.close(); fs.rmSync(dir, { recursive: true, force: true }); } };
}

function insert(db: Db, table: string, row: Record<string, unknown>): void {
  const cols = Object.keys(row);
  db.prepare(`INSERT INTO ${table} (${cols.join(',')}) VALUES (${cols.map(() => '?').join(',')})`).run(...cols.map((c) => row[c]));
}

export function buildBank(db: Db): void {
  db.transaction(() => {
    for (const [org_id, name, parent_id, level] of [
      ['H', '总行', null, '总行'], ['B1', '城东支行', 'H', '支行'], ['S11', '东一分理处', 'B1', '分理处'],
      ['B2', '城西支行', 'H', '支行'], ['S21', '西一分理处', 'B2', '分理处'],
    ]) insert(db, 'org', { org_id, name, parent_id, level });
    for (const [staff_id, name, org_id] of [['M1', '王经理', 'B1'], ['M2', '李经理', 'S11'], ['M3', '陈经理', 'B2']]) {
      insert(db, 'staff', { staff_id, name, org_id, post: '客户经理' });
    }
    for (const c of CUSTS) {
      insert(db, 'customer', {
        cust_id: c.id, name: c.name, cust_type: c.type, id_no: c.idNo, birth_date: c.birth, phone: c.phone,
        org_id: c.org, manager_id: c.mgr, grid_id: c.grid,
      });
      (c.cards ?? []).forEach((masked, i) => insert(db, 'card', { card_no: `${c.id}-${i}`, card_no_masked: masked, cust_id: c.id, card_type: '借记卡', issue_date: '2020-01-01', status: '正常' }));
      insert(db, 'customer_holding', { data_date: DATE, cust_id: c.id, mask: maskOf(c.held), coverage: c.held.length, avg_assets: c.avg, star: c.star });
    }
    // a month earlier only 张秀英 (…01) had holdings built, and held just 活期
    insert(db, 'customer_holding', { data_date: OLD_DATE, cust_id: '6200000001', mask: 1, coverage: 1, avg_assets: 100, star: 1 });
    // the latest data date must resolve to DATE: one deposit snapshot on it
    insert(db, 'deposit', { data_date: DATE, acct_no: 'A1', cust_id: '6200000001', kind: '活期', balance: 100 });
    for (const d of [DATE, OLD_DATE]) insert(db, 'derived_state', { name: `holding:${d}`, data_version: 0, built_at: 'test' });
  })();
}
